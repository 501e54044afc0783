import { Tile } from '@codegouvfr/react-dsfr/Tile';
import { HomeSearch } from '../components/HomeSearch.tsx';
import { KeyFigures } from '../components/KeyFigures.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { usePageTitle } from '../router/usePageTitle.ts';

export function HomePage() {
  usePageTitle('Accueil');
  return (
    <>
      <div className="app-hero">
        <div className="fr-container fr-py-6w">
          <PageHeading>Se former au numérique, près de chez vous</PageHeading>
          <p className="fr-text--lead">
            Développeur·se web, technicien·ne réseau, data, cybersécurité… Trouvez une formation courte et certifiante
            labellisée Grande École du Numérique, ouverte sans condition de diplôme.
          </p>
          <HomeSearch />
        </div>
      </div>

      <div className="fr-container fr-my-6w">
        <section aria-labelledby="chiffres" className="fr-mb-6w">
          <h2 id="chiffres">Le catalogue en chiffres</h2>
          <KeyFigures />
        </section>

        <section aria-labelledby="programme" className="fr-mb-6w">
          <h2 id="programme">La Grande École du Numérique</h2>
          <div className="app-prose">
            <p>
              Lancée en 2015, la Grande École du Numérique est un programme public qui ouvre les métiers du numérique aux
              personnes qui en sont éloignées : demandeur·ses d’emploi, jeunes sans diplôme ou peu qualifiés, personnes en
              reconversion, habitant·es des quartiers prioritaires. L’État <strong>labellise</strong> des formations courtes
              (de 3 à 24 mois), <strong>certifiantes</strong> et tournées vers l’emploi, après des appels à projets.
            </p>
            <p>
              Chaque formation labellisée répond à des besoins exprimés par les employeurs de son territoire, s’ouvre sans
              condition de diplôme, avec une sélection sur la motivation, et accueille au moins 30 % de femmes. Le label
              vaut trois ans pour toutes les sessions de la formation.
            </p>
            <p>
              Les apprenant·es d’une formation labellisée peuvent demander une <strong>aide financière</strong> calculée sur
              les mêmes critères sociaux que les bourses de l’enseignement supérieur, versée par le Crous.
            </p>
          </div>
        </section>

        <section aria-labelledby="explorer">
          <h2 id="explorer">Explorer autrement</h2>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <Tile
                title="La carte des formations"
                titleAs="h3"
                desc="Les lieux de formation labellisés et les places disponibles, département par département."
                linkProps={{ href: '/carte' }}
                enlargeLinkOrButton
                orientation="horizontal"
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Tile
                title="Les données ouvertes"
                titleAs="h3"
                desc="Le catalogue complet en CSV, GeoJSON et LHEO 2.3, sous Licence Ouverte 2.0."
                linkProps={{ href: '/donnees-ouvertes' }}
                enlargeLinkOrButton
                orientation="horizontal"
              />
            </div>
          </div>
        </section>
      </div>
    </>
  );
}

import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DemoNotice } from '../components/DemoNotice.tsx';

const PURPOSES: [string, string][] = [
  [
    'Gérer les candidatures aux sessions des formations labellisées (vœux, classement, propositions d’admission)',
    'Mission d’intérêt public (article 6-1-e du RGPD)',
  ],
  [
    'Vérifier l’éligibilité aux publics prioritaires du programme (diagnostic par un prescripteur)',
    'Mission d’intérêt public (article 6-1-e du RGPD)',
  ],
  [
    'Calculer et instruire l’aide financière aux apprenant·es (décret n° 2017-548 du 14 avril 2017)',
    'Obligation légale et mission d’intérêt public (articles 6-1-c et 6-1-e du RGPD)',
  ],
  [
    'Suivre le parcours et la situation à 6 et 12 mois pour évaluer le programme (statistiques anonymes)',
    'Mission d’intérêt public (article 6-1-e du RGPD)',
  ],
];

export function PrivacyPage() {
  return (
    <ContentPage
      title="Données personnelles"
      lead="Le catalogue public ne collecte aucune donnée personnelle : vous pouvez chercher une formation, consulter la carte et télécharger les données ouvertes sans compte et sans être suivi·e."
    >
      <h2>Le catalogue public</h2>
      <ul>
        <li>Aucun compte n’est nécessaire et aucun formulaire ne vous demande d’information personnelle.</li>
        <li>
          Aucun cookie de mesure d’audience, de publicité ou de réseau social n’est déposé, et aucun service tiers n’est
          appelé : le site ne charge que ses propres fichiers.
        </li>
        <li>
          Le thème d’affichage que vous choisissez (clair, sombre ou système) est gardé dans votre navigateur
          (stockage local). Il n’est pas transmis au serveur ; vous pouvez l’effacer depuis les réglages de votre
          navigateur.
        </li>
        <li>
          Les journaux techniques du serveur de l’application enregistrent la date, la page demandée (sans les critères de
          recherche) et le code de réponse, sans adresse IP, pour assurer le bon fonctionnement et la sécurité du service.
        </li>
      </ul>

      <h2>Les comptes, à venir</h2>
      <p>
        Des comptes ouvriront pour permettre de postuler à une session, de suivre sa candidature et de demander l’aide
        financière de la Grande École du Numérique. Ils nécessiteront des données personnelles. Voici ce qui s’appliquera ;
        cette page sera complétée avant leur ouverture.
      </p>

      <h3>Responsable du traitement</h3>
      <DemoNotice>Les coordonnées ci-dessous sont fictives ; elles seront remplacées lors de la mise en production.</DemoNotice>
      <p>Le GIP Grande École du Numérique, représenté par son directeur ou sa directrice.</p>

      <h3>Finalités et bases légales</h3>
      <DataTable
        caption="Finalités des traitements prévus et leurs bases légales"
        headers={['Finalité', 'Base légale']}
        rows={PURPOSES.map(([purpose, basis]) => ({ key: purpose, cells: [purpose, basis] }))}
      />

      <h3>Données et durées de conservation</h3>
      <p>
        Seules les données nécessaires seront demandées (identité, coordonnées, situation au regard des critères du
        programme et, pour l’aide, les revenus du foyer fiscal). Un diagnostic d’éligibilité expire au bout de six mois. Les
        données d’un compte seront conservées pendant la durée de la candidature et de la formation, puis archivées pour la
        durée exigée par le suivi du programme avant d’être anonymisées ; les durées exactes seront publiées ici avant
        l’ouverture des comptes. Le journal des opérations ne garde que des identifiants, jamais vos informations.
      </p>

      <h3>Destinataires</h3>
      <p>
        Les organismes de formation auxquels vous candidatez, les prescripteurs qui vous accompagnent (Mission locale,
        France Travail, Cap emploi…), le Crous pour l’aide financière, et les agents habilités du GIP. Aucune donnée n’est
        vendue ni cédée.
      </p>

      <h3>Vos droits</h3>
      <p>
        Vous disposerez d’un droit d’accès, de rectification, d’effacement, de limitation et d’opposition, et d’un droit à la
        portabilité de vos données. Vous pourrez exporter et supprimer votre compte vous-même ; la suppression anonymise
        vos informations. Les personnes de moins de 15 ans ne pourront créer un compte qu’avec l’accord d’un parent.
      </p>
      <p>
        Pour exercer vos droits, écrivez au délégué ou à la déléguée à la protection des données (DPO) :{' '}
        <a href="mailto:dpo@grande-ecole-numerique.example">dpo@grande-ecole-numerique.example</a> (adresse de démonstration).
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une
        réclamation à la{' '}
        <a href="https://www.cnil.fr/fr/plaintes" target="_blank" rel="noopener noreferrer" title="Adresser une plainte à la CNIL – nouvelle fenêtre">
          CNIL
        </a>
        .
      </p>
    </ContentPage>
  );
}

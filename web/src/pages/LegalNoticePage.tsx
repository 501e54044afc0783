import { ContentPage } from '../components/ContentPage.tsx';
import { DemoNotice } from '../components/DemoNotice.tsx';
import { Link } from '../router/Link.tsx';

export function LegalNoticePage() {
  return (
    <ContentPage title="Mentions légales">
      <DemoNotice />

      <h2>Éditeur</h2>
      <p>
        Groupement d’intérêt public (GIP) Grande École du Numérique
        <br />
        Adresse de démonstration : 1 rue de l’Exemple, 75000 Paris
        <br />
        Courriel de démonstration : <a href="mailto:contact@grande-ecole-numerique.example">contact@grande-ecole-numerique.example</a>
      </p>

      <h2>Directeur ou directrice de la publication</h2>
      <p>Le directeur ou la directrice du GIP Grande École du Numérique (nom fictif de démonstration : Camille Exemple).</p>

      <h2>Hébergement</h2>
      <p>
        Hébergeur de démonstration : instance locale de l’application Fabriques. La raison sociale, l’adresse et le
        téléphone de l’hébergeur seront indiqués ici lors de la mise en production.
      </p>

      <h2>Accessibilité</h2>
      <p>
        Ce site est non conforme au référentiel général d’amélioration de l’accessibilité (RGAA) : aucun audit n’a encore été réalisé. Voir la{' '}
        <Link href="/accessibilite">déclaration d’accessibilité</Link>.
      </p>

      <h2>Données personnelles</h2>
      <p>
        La consultation du catalogue ne demande aucune donnée personnelle et ne dépose aucun cookie de mesure d’audience.
        Voir la page <Link href="/donnees-personnelles">données personnelles</Link>.
      </p>

      <h2>Réutilisation des contenus et des données</h2>
      <p>
        Sauf mention contraire, les contenus et les données de ce site sont publiés sous{' '}
        <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/" target="_blank" rel="noopener noreferrer" title="Licence Ouverte 2.0 – nouvelle fenêtre">
          Licence Ouverte 2.0
        </a>
        . Les fichiers du catalogue sont sur la page <Link href="/donnees-ouvertes">données ouvertes</Link>.
      </p>

      <h2>Code source</h2>
      <p>
        Fabriques est un logiciel libre, publié sous licence{' '}
        <a href="https://www.gnu.org/licenses/agpl-3.0.fr.html" target="_blank" rel="noopener noreferrer" title="GNU AGPL v3 – nouvelle fenêtre">
          GNU Affero General Public License, version 3 ou ultérieure
        </a>{' '}
        (AGPL-3.0-or-later). Son interface utilise le Système de Design de l’État (DSFR).
      </p>
    </ContentPage>
  );
}

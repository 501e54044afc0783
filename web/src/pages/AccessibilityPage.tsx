import { ContentPage } from '../components/ContentPage.tsx';
import { DemoNotice } from '../components/DemoNotice.tsx';
import { Link } from '../router/Link.tsx';

const DECLARATION_DATE = '29 novembre 2026';

const CHECKED_PAGES: { label: string; href?: string }[] = [
  { label: 'Accueil', href: '/' },
  { label: 'Trouver une formation', href: '/formations' },
  { label: 'Fiche d’une formation' },
  { label: 'Carte des formations', href: '/carte' },
  { label: 'Données ouvertes', href: '/donnees-ouvertes' },
  { label: 'Se connecter', href: '/connexion' },
  { label: 'Mentions légales', href: '/mentions-legales' },
  { label: 'Déclaration d’accessibilité', href: '/accessibilite' },
  { label: 'Données personnelles', href: '/donnees-personnelles' },
  { label: 'Plan du site', href: '/plan-du-site' },
];

export function AccessibilityPage() {
  return (
    <ContentPage title="Déclaration d’accessibilité">
      <p>
        Le GIP Grande École du Numérique s’engage à rendre ses sites internet, intranet, extranet et ses progiciels
        accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>Cette déclaration d’accessibilité s’applique au catalogue public de Fabriques, la plateforme de la Grande École du Numérique.</p>

      <h2>État de conformité</h2>
      <p>
        Fabriques est <strong>partiellement conforme</strong> avec le référentiel général d’amélioration de l’accessibilité
        (RGAA), version 4.1.2, en raison des non-conformités et des limites énumérées ci-dessous.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        Aucun audit complet du RGAA n’a encore été réalisé. Chaque page publique est contrôlée automatiquement avec l’outil
        axe-core sur les critères des WCAG 2.1 de niveaux A et AA : ces contrôles ne relèvent aucune erreur, mais un outil
        automatique ne couvre qu’une partie des critères. Le taux de conformité sera publié après l’audit.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités</h3>
      <p>Les non-conformités seront établies par l’audit. Points déjà connus :</p>
      <ul>
        <li>
          la carte interactive ne peut pas être parcourue entièrement au clavier et avec un lecteur d’écran ; la liste des
          résultats de la page <Link href="/formations">Trouver une formation</Link> donne les mêmes informations ;
        </li>
        <li>les fichiers de données ouvertes (CSV, GeoJSON, XML) sont des fichiers techniques destinés à la réutilisation.</li>
      </ul>
      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
      <p>Aucun.</p>

      <h2>Établissement de cette déclaration d’accessibilité</h2>
      <p>Cette déclaration a été établie le {DECLARATION_DATE}.</p>
      <h3>Technologies utilisées pour la réalisation du site</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS (Système de Design de l’État)</li>
        <li>JavaScript (React)</li>
        <li>WAI-ARIA</li>
      </ul>
      <h3>Environnement de test</h3>
      <p>
        Les vérifications automatiques sont faites avec le navigateur Chromium, aux largeurs d’écran d’un ordinateur et
        d’un téléphone. Les vérifications avec des technologies d’assistance (NVDA avec Firefox, VoiceOver avec Safari,
        TalkBack avec Chrome) seront faites lors de l’audit.
      </p>
      <h3>Outils pour évaluer l’accessibilité</h3>
      <ul>
        <li>axe-core (Deque Systems), règles WCAG 2.1 A et AA</li>
        <li>Vérifications manuelles de la navigation au clavier</li>
      </ul>
      <h3>Pages du site ayant fait l’objet de la vérification de conformité</h3>
      <ul>
        {CHECKED_PAGES.map((page) => (
          <li key={page.label}>{page.href ? <Link href={page.href}>{page.label}</Link> : page.label}</li>
        ))}
      </ul>

      <h2>Retour d’information et contact</h2>
      <DemoNotice>L’adresse de contact ci-dessous est fictive ; elle sera remplacée lors de la mise en production.</DemoNotice>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le GIP Grande École du Numérique
        pour être orienté·e vers une alternative accessible ou obtenir le contenu sous une autre forme :
      </p>
      <ul>
        <li>
          par courriel : <a href="mailto:accessibilite@grande-ecole-numerique.example">accessibilite@grande-ecole-numerique.example</a>
        </li>
      </ul>

      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une fonctionnalité du site,
        que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit de
        faire parvenir vos doléances ou une demande de saisine au Défenseur des droits.
      </p>
      <p>Plusieurs moyens sont à votre disposition :</p>
      <ul>
        <li>
          écrire un message au Défenseur des droits par le{' '}
          <a href="https://formulaire.defenseurdesdroits.fr/" target="_blank" rel="noopener noreferrer" title="Formulaire du Défenseur des droits – nouvelle fenêtre">
            formulaire en ligne
          </a>
          {' '};
        </li>
        <li>
          contacter{' '}
          <a href="https://www.defenseurdesdroits.fr/carte-des-delegues" target="_blank" rel="noopener noreferrer" title="Carte des délégués du Défenseur des droits – nouvelle fenêtre">
            le délégué ou la déléguée du Défenseur des droits dans votre région
          </a>
          {' '};
        </li>
        <li>
          appeler le <a href="tel:+33969390000">09 69 39 00 00</a> ;
        </li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) :
          <br />
          Défenseur des droits
          <br />
          Libre réponse 71120
          <br />
          75342 Paris CEDEX 07
        </li>
      </ul>
    </ContentPage>
  );
}

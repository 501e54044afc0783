import { ContentPage } from '../components/ContentPage.tsx';
import { DemoNotice } from '../components/DemoNotice.tsx';
import { Link } from '../router/Link.tsx';

const DECLARATION_DATE = '29 novembre 2026';
const UPDATE_DATE = '30 novembre 2026';

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
      <p>
        Cette déclaration d’accessibilité s’applique à Fabriques, la plateforme de la Grande École du Numérique : le
        catalogue public et les espaces des candidat·es, des prescripteurs, des organismes de formation, des financeurs et
        du GIP.
      </p>

      <h2>État de conformité</h2>
      <p>
        Fabriques est <strong>non conforme</strong> avec le référentiel général d’amélioration de l’accessibilité (RGAA),
        version 4.1.2 : aucun audit de conformité n’a encore été réalisé, et un site sans audit doit être déclaré non
        conforme.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        Aucun audit du RGAA n’a encore été réalisé : il n’y a donc pas de taux de conformité à publier. Les pages publiques
        et les principaux parcours des espaces connectés sont contrôlés automatiquement avec l’outil axe-core, sur les
        critères des WCAG 2.1 de niveaux A et AA : ces contrôles ne relèvent aucune erreur, mais un outil automatique ne
        couvre qu’une partie des critères. Le taux de conformité sera publié ici après un audit.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités</h3>
      <p>La liste complète des non-conformités sera établie par l’audit. Points déjà connus :</p>
      <ul>
        <li>
          la carte interactive ne peut pas être parcourue entièrement au clavier et avec un lecteur d’écran ; la liste des
          résultats de la page <Link href="/formations">Trouver une formation</Link> donne les mêmes informations ;
        </li>
        <li>
          les longs tableaux des espaces professionnels (classements, tours de propositions, journal d’audit) n’ont pas été
          vérifiés avec un lecteur d’écran ;
        </li>
        <li>
          aucune vérification n’a encore été faite avec des technologies d’assistance (lecteurs d’écran, agrandissement,
          commande vocale).
        </li>
      </ul>
      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
      <ul>
        <li>
          les fichiers déposés par les utilisateur·rices (justificatifs, pièces des dossiers de labellisation), contenus de
          tiers que le GIP ne produit pas ;
        </li>
        <li>
          les fichiers techniques destinés à la réutilisation : données ouvertes (CSV, GeoJSON, XML) et export de vos
          données personnelles (JSON).
        </li>
      </ul>

      <h2>Établissement de cette déclaration d’accessibilité</h2>
      <p>
        Cette déclaration a été établie le {DECLARATION_DATE} et mise à jour le {UPDATE_DATE}, par une auto-évaluation,
        sans audit.
      </p>
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

      <h2>Amélioration</h2>
      <p>
        Le schéma pluriannuel de mise en accessibilité et le plan d’action de l’année seront publiés avec les résultats de
        l’audit. D’ici là, chaque évolution de la plateforme est contrôlée automatiquement (axe-core) avant sa mise en ligne.
      </p>

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

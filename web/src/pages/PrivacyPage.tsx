import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DemoNotice } from '../components/DemoNotice.tsx';
import { Link } from '../router/Link.tsx';
// the same table as the daily retention job (pure module, no server code)
import { periodLabel, RETENTION_RULES } from '../../../src/areas/privacy/domain/retention.ts';

const PURPOSES: [string, string][] = [
  ['Créer et gérer votre compte, vous connecter (y compris par FranceConnect ou ProConnect), sécuriser l’accès', 'Mission d’intérêt public (article 6-1-e du RGPD)'],
  [
    'Gérer les candidatures aux sessions des formations labellisées : profil, vœux, classement par l’organisme, propositions d’admission, inscriptions',
    'Mission d’intérêt public (article 6-1-e du RGPD)',
  ],
  [
    'Vérifier l’éligibilité aux publics prioritaires du programme (diagnostic, justificatifs), y compris la reconnaissance de travailleur handicapé et les revenus du foyer',
    'Mission d’intérêt public ; pour la RQTH et les revenus, votre consentement, que vous pouvez retirer à tout moment (articles 6-1-a, 6-1-e et 9-2-a du RGPD)',
  ],
  ['Permettre à un prescripteur (Mission locale, France Travail, Cap emploi…) de vous accompagner', 'Votre consentement, retirable à tout moment (article 6-1-a du RGPD)'],
  ['Calculer et instruire l’aide financière aux apprenant·es (décret n° 2017-548 du 14 avril 2017)', 'Obligation légale et mission d’intérêt public (articles 6-1-c et 6-1-e du RGPD)'],
  [
    'Instruire les appels à projets, les labels et les subventions des organismes (données professionnelles de leurs équipes et des instructeur·rices)',
    'Mission d’intérêt public (article 6-1-e du RGPD)',
  ],
  ['Vous écrire au sujet de votre compte et de vos démarches (messages de service)', 'Mission d’intérêt public (article 6-1-e du RGPD)'],
  ['Évaluer le programme par des statistiques anonymes', 'Mission d’intérêt public (article 6-1-e du RGPD)'],
];

/** long texts wrap inside the table's cells (DSFR cells do not by default) */
const wrap = (text: string) => <span className="fr-cell--multiline">{text}</span>;

const OUTCOMES = { suppression: 'Suppression', anonymisation: 'Anonymisation', archivage: 'Archivage, puis suppression' } as const;

export function PrivacyPage() {
  return (
    <ContentPage
      title="Données personnelles"
      lead="Cette page explique quelles données personnelles la plateforme Fabriques traite, pourquoi, combien de temps, et comment exercer vos droits. Le catalogue public, lui, se consulte sans compte et sans être suivi·e."
    >
      <h2>Responsable du traitement</h2>
      <DemoNotice>Les coordonnées ci-dessous sont fictives ; elles seront remplacées lors de la mise en production.</DemoNotice>
      <p>
        Le GIP Grande École du Numérique, représenté par son directeur ou sa directrice, est responsable des traitements de la
        plateforme Fabriques. Il a désigné un délégué ou une déléguée à la protection des données (DPO), joignable à l’adresse{' '}
        <a href="mailto:dpo@grande-ecole-numerique.example">dpo@grande-ecole-numerique.example</a> (adresse de démonstration).
      </p>

      <h2>Le catalogue public</h2>
      <ul>
        <li>Aucun compte n’est nécessaire pour chercher une formation, consulter la carte ou télécharger les données ouvertes.</li>
        <li>
          Aucun cookie de mesure d’audience, de publicité ou de réseau social n’est déposé, et aucun service tiers n’est
          appelé : le site ne charge que ses propres fichiers.
        </li>
        <li>
          Le thème d’affichage que vous choisissez (clair, sombre ou système) est gardé dans votre navigateur (stockage local) ;
          il n’est pas transmis au serveur.
        </li>
      </ul>

      <h2>Finalités et bases légales</h2>
      <DataTable
        caption="Finalités des traitements et leurs bases légales"
        headers={['Finalité', 'Base légale']}
        rows={PURPOSES.map(([purpose, basis]) => ({ key: purpose, cells: [wrap(purpose), wrap(basis)] }))}
      />

      <h2>Données traitées</h2>
      <ul>
        <li>identité et contact : nom, prénom, adresse e-mail, date de naissance, téléphone (facultatif) ;</li>
        <li>pour les moins de 15 ans : nom et adresse e-mail du parent qui donne son accord ;</li>
        <li>
          situation au regard des critères du programme : commune, quartier prioritaire, niveau de diplôme, situation,
          et, seulement avec votre consentement, la RQTH et les revenus du foyer fiscal ; les justificatifs que vous déposez ;
        </li>
        <li>candidatures : vœux et motivation, classement et notes de l’organisme, propositions, inscription, aide financière ;</li>
        <li>pour les professionnel·les : rattachement à une organisation, dossiers déposés, évaluations ;</li>
        <li>
          le journal des opérations, qui ne garde que des identifiants, des états et des noms de champs, jamais vos
          informations.
        </li>
      </ul>
      <p>
        Seul un cookie de session, indispensable à la connexion, est déposé quand vous vous connectez ; il n’est lisible que
        par le serveur et disparaît à la déconnexion. Les journaux techniques du serveur ne contiennent aucune donnée
        personnelle (ni adresse e-mail, ni critère de recherche, ni adresse IP).
      </p>

      <h2>Destinataires</h2>
      <p>
        Les organismes de formation auxquels vous candidatez, les prescripteurs que vous autorisez à vous accompagner, le
        Crous pour l’aide financière, et les agents habilités du GIP. Aucune donnée n’est vendue ni cédée, et la plateforme
        n’appelle aucun service situé hors de l’Union européenne ; l’hébergeur sera indiqué ici lors de la mise en production.
      </p>

      <h2>Durées de conservation</h2>
      <p>
        Chaque durée s’applique automatiquement, chaque nuit, quand la colonne « Automatique » l’indique. Une anonymisation
        remplace votre nom, votre adresse, vos coordonnées et vos textes par des valeurs neutres : ce qui reste (une place
        occupée, un montant d’aide versé) ne permet plus de vous identifier.
      </p>
      <DataTable
        caption="Durées de conservation par type de données"
        headers={['Données', 'Durée', 'À compter de', 'Au terme', 'Automatique', 'Justification']}
        rows={RETENTION_RULES.map((r) => ({
          key: r.id,
          cells: [wrap(r.data), periodLabel(r.period), wrap(r.from), OUTCOMES[r.outcome], r.automatic ? 'Oui' : 'Non', wrap(r.basis)],
        }))}
      />

      <h2>Vos droits</h2>
      <p>
        Vous disposez d’un droit d’accès, de rectification, d’effacement, de limitation et d’opposition, et d’un droit à la
        portabilité de vos données (articles 15 à 21 du RGPD). Vous pouvez retirer à tout moment un consentement donné,
        sans effet sur ce qui a été fait avant.
      </p>
      <ul>
        <li>
          <strong>Accès et portabilité</strong> : depuis <Link href="/compte">Mon compte</Link>, « Télécharger mes données »
          vous donne, dans un fichier JSON, toutes les données que la plateforme garde sur vous.
        </li>
        <li>
          <strong>Rectification</strong> : votre profil se modifie depuis votre espace ; un diagnostic d’éligibilité se
          remplace par un nouveau.
        </li>
        <li>
          <strong>Effacement</strong> : depuis <Link href="/compte">Mon compte</Link>, « Supprimer mon compte » efface ou
          anonymise vos données, après avoir confirmé votre mot de passe. Une inscription en formation, une aide déjà décidée
          et le journal des opérations sont conservés sans votre nom, pour les obligations de l’organisme et de la comptabilité
          publique. Pendant l’instruction d’une demande d’aide, l’effacement attend la décision.
        </li>
        <li>
          <strong>Mineur·es</strong> : avant 15 ans, un compte ne s’ouvre qu’avec l’accord d’un parent, qui peut lui aussi
          demander l’effacement.
        </li>
      </ul>
      <p>
        Pour toute autre demande, écrivez au délégué ou à la déléguée à la protection des données :{' '}
        <a href="mailto:dpo@grande-ecole-numerique.example">dpo@grande-ecole-numerique.example</a> (adresse de démonstration).
        Une réponse vous est apportée dans un délai d’un mois.
      </p>

      <h2>Réclamation</h2>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une
        réclamation à la Commission nationale de l’informatique et des libertés (
        <a href="https://www.cnil.fr/fr/plaintes" target="_blank" rel="noopener noreferrer" title="Adresser une plainte à la CNIL – nouvelle fenêtre">
          CNIL
        </a>
        ), 3 place de Fontenoy, TSA 80715, 75334 Paris CEDEX 07.
      </p>
    </ContentPage>
  );
}

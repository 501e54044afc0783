import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { accountsApi, type Organisation } from '../api/accounts.ts';
import { loadReferentials } from '../api/referentials.ts';
import { useApi } from '../api/useApi.ts';
import { FUNDER_TYPES, KIND_LABELS, PRESCRIBER_TYPES } from '../account/labels.ts';
import { OrganisationPanels } from '../account/OrganisationPanels.tsx';
import { RequireSession, type SignedIn } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { formatSiret } from '../format/identifiers.ts';
import type { RouteParams } from '../router/routes.ts';
import '../account/account.css';

const SEGMENTS = [
  { label: 'Mon compte', href: '/compte' },
  { label: 'Organisations', href: '/operateur/organisations' },
];

export function OperatorOrganisationPage({ params }: { params: RouteParams }) {
  return (
    <RequireSession title="Organisation" segments={SEGMENTS} roles={['operator']}>
      {(signedIn) => <OrganisationDetail id={params.id ?? ''} {...signedIn} />}
    </RequireSession>
  );
}

function OrganisationDetail({ id, account, active }: { id: string } & SignedIn) {
  const organisation = useApi(`organisation:${id}`, (signal) => accountsApi.organisation(id, signal));
  if (organisation.status === 'loading') return <PageLoading />;
  if (organisation.status === 'error') {
    return (
      <ContentPage title="Organisation introuvable" segments={SEGMENTS} width="narrow">
        <Alert severity="error" title="Cette organisation n’a pas pu être affichée" description={organisation.error.message} />
      </ContentPage>
    );
  }
  const org = organisation.data;
  return (
    <ContentPage title={org.name} segments={SEGMENTS} width="full">
      <Facts org={org} />
      <OrganisationPanels organisation={{ id: org.id, name: org.name, kind: org.kind }} actor={active} userId={account.user.id} />
    </ContentPage>
  );
}

function Facts({ org }: { org: Organisation }) {
  const referentials = useApi(org.regionCode ? 'referentials' : null, () => loadReferentials());
  const region = org.regionCode ? (referentials.data?.regions.find((r) => r.code === org.regionCode)?.name ?? org.regionCode) : null;
  const subtype = org.subtype ? (PRESCRIBER_TYPES[org.subtype] ?? FUNDER_TYPES[org.subtype] ?? org.subtype) : null;
  const facts: [string, string | null][] = [
    ['Type', KIND_LABELS[org.kind]],
    ['Catégorie', subtype],
    ['SIRET', org.siret ? formatSiret(org.siret) : null],
    ['Numéro de déclaration d’activité', org.nda],
    ['Code NAF', org.naf],
    ['Région', region],
    ['Commune (code INSEE)', org.communeCode],
    ['Adresse', org.address],
  ];
  return (
    <section aria-labelledby="org-fiche" className="fr-mb-6w">
      <h2 id="org-fiche" className="fr-h3">
        Fiche
      </h2>
      <dl className="app-facts">
        {facts
          .filter((f): f is [string, string] => f[1] !== null && f[1] !== '')
          .map(([label, value]) => (
            <div key={label} className="app-facts__row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

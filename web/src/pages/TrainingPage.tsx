import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { TrainingAdmissionRules } from '../admissions/AdmissionRules.tsx';
import { api } from '../api/client.ts';
import { loadReferentials } from '../api/referentials.ts';
import { useApi } from '../api/useApi.ts';
import type { TrainingDetail } from '../api/types.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { TrainingBadges } from '../components/TrainingBadges.tsx';
import { formatPhone, formatSiret } from '../format/identifiers.ts';
import { levelLabel } from '../format/labels.ts';
import type { RouteParams } from '../router/routes.ts';
import { usePageTitle } from '../router/usePageTitle.ts';
import { LabelNotice } from '../training/LabelNotice.tsx';
import { SessionsTable } from '../training/SessionsTable.tsx';
import { TrainingFacts } from '../training/TrainingFacts.tsx';
import { TrainingLocation } from '../training/TrainingLocation.tsx';
import { ErrorPage } from './ErrorPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

export function TrainingPage({ params }: { params: RouteParams }) {
  const id = params.id ?? '';
  const training = useApi(id, (signal) => api.training(id, signal));
  const referentials = useApi('referentials', () => loadReferentials());

  if (training.status === 'error') {
    return training.error.status === 404 ? <NotFoundPage /> : <ErrorPage message={training.error.message} />;
  }
  if (training.status === 'loading' || !training.data) {
    return <PageLoading label="Chargement de la formation…" />;
  }
  return <TrainingView training={training.data} levels={referentials.data?.levels} />;
}

function TrainingView({ training, levels }: { training: TrainingDetail; levels?: { level: number; label: string }[] }) {
  usePageTitle(training.title);
  const canApply = training.label.status === 'active';
  const { provider, contact } = training;

  return (
    <div className="fr-container fr-mb-8w">
      <Breadcrumb
        currentPageLabel={training.title}
        homeLinkProps={{ href: '/' }}
        segments={[{ label: 'Trouver une formation', linkProps: { href: '/formations' } }]}
      />
      <PageHeading>{training.title}</PageHeading>
      <p className="fr-text--lg fr-mb-2w">
        {provider.name} – {training.commune.name}
      </p>
      <TrainingBadges
        labelStatus={training.label.status}
        modality={training.modality}
        isFree={training.isFree}
        priceCents={training.priceCents}
      />
      <div className="fr-mt-2w">
        <LabelNotice label={training.label} />
      </div>

      <div className="fr-grid-row fr-grid-row--gutters">
        {/* first in reading order (the essentials), shown on the right from medium screens */}
        <aside className="fr-col-12 fr-col-md-4 app-aside-end" aria-label="La formation en bref">
          <TrainingFacts training={training} levels={levels} />
        </aside>
        <div className="fr-col-12 fr-col-md-8 app-prose">
          <section aria-labelledby="presentation">
            <h2 id="presentation">Présentation</h2>
            <p className="app-pre-line">{training.summary}</p>
          </section>

          <section aria-labelledby="objectifs">
            <h2 id="objectifs">Objectifs</h2>
            <p className="app-pre-line">{training.objectives}</p>
          </section>

          <section aria-labelledby="prerequis">
            <h2 id="prerequis">Prérequis</h2>
            <p className="app-pre-line">{training.prerequisites}</p>
          </section>

          <section aria-labelledby="metiers">
            <h2 id="metiers">Métiers visés</h2>
            {training.jobs.length > 0 ? (
              <ul>
                {training.jobs.map((job) => (
                  <li key={job.code}>
                    {job.label} <span className="fr-hint-text app-inline-hint">(code ROME {job.code})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{training.romeCodes.join(', ') || 'Non renseignés'}</p>
            )}
          </section>

          <section aria-labelledby="certification">
            <h2 id="certification">Certification</h2>
            <p>
              {training.certification.title}
              <br />
              <span className="fr-hint-text app-inline-hint">
                {training.certification.code} – {levelLabel(training.certification.level, levels)}
              </span>
            </p>
          </section>

          <section aria-labelledby="sessions">
            <h2 id="sessions">Sessions</h2>
            <SessionsTable trainingId={training.id} sessions={training.sessions} canApply={canApply} />
            {canApply && (
              <p className="fr-hint-text">
                Candidatez en ligne aux sessions dont le recrutement est ouvert (10 vœux en cours au plus), avec votre compte
                candidat·e. Vous pouvez aussi contacter l’organisme de formation.
              </p>
            )}
            <TrainingAdmissionRules trainingId={training.id} sessions={training.sessions} />
          </section>

          <section aria-labelledby="lieu">
            <h2 id="lieu">Lieu de formation</h2>
            <address className="app-address">
              {training.address}
              <br />
              {training.postalCode} {training.commune.name}
            </address>
            <TrainingLocation lat={training.lat} lon={training.lon} title={training.title} />
          </section>

          <section aria-labelledby="organisme">
            <h2 id="organisme">Organisme de formation</h2>
            <dl className="app-dl">
              <dt>Nom</dt>
              <dd>{provider.name}</dd>
              <dt>SIRET</dt>
              <dd>{formatSiret(provider.siret)}</dd>
              {provider.nda && (
                <>
                  <dt>Numéro de déclaration d’activité</dt>
                  <dd>{provider.nda}</dd>
                </>
              )}
              {provider.website && (
                <>
                  <dt>Site internet</dt>
                  <dd>
                    <a href={provider.website} target="_blank" rel="noopener noreferrer" title={`${provider.website} – nouvelle fenêtre`}>
                      {provider.website.replace(/^https?:\/\//, '')}
                    </a>
                  </dd>
                </>
              )}
            </dl>
          </section>

          <section aria-labelledby="contact">
            <h2 id="contact">Contact</h2>
            <ul>
              <li>
                Courriel : <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </li>
              {contact.phone && (
                <li>
                  Téléphone : <a href={`tel:${contact.phone.replace(/\s/g, '')}`}>{formatPhone(contact.phone)}</a>
                </li>
              )}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}

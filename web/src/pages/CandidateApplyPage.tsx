import { useState, type FormEvent } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import type { TrainingDetail } from '../api/types.ts';
import { ErrorSummary, useSubmission, type FieldMap } from '../account/forms.tsx';
import { errorState } from '../components/fieldState.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { candidatesApi, type OwnProfile } from '../candidates/api.ts';
import { MOTIVATION_MAX } from '../candidates/labels.ts';
import { ContentPage } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { formatDateRange } from '../format/dates.ts';
import { SESSION_STATUS_LABELS } from '../format/labels.ts';
import { navigate } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import type { RouteParams } from '../router/routes.ts';
import { ErrorPage } from './ErrorPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import '../account/account.css';
import '../candidates/candidates.css';

const TITLE = 'Candidater à une session';

const FIELDS: FieldMap = {
  motivation: { id: 'candidature-motivation', label: 'Votre motivation' },
  referredBy: { id: 'candidature-prescripteur', label: 'Structure qui vous oriente' },
  sessionId: { id: 'candidature-motivation', label: 'Session' },
};

export function CandidateApplyPage({ params }: { params: RouteParams }) {
  return (
    <RequireSession title={TITLE} roles={['candidate']}>
      {() => <ApplyLoader trainingId={params.id ?? ''} sessionId={params.sessionId ?? ''} />}
    </RequireSession>
  );
}

function ApplyLoader({ trainingId, sessionId }: { trainingId: string; sessionId: string }) {
  const training = useApi(trainingId, (signal) => api.training(trainingId, signal));
  const profile = useApi('own-profile', (signal) => candidatesApi.profile(signal));
  if (training.status === 'error') return training.error.status === 404 ? <NotFoundPage /> : <ErrorPage message={training.error.message} />;
  if (profile.status === 'error') return <ErrorPage message={profile.error.message} />;
  if (!training.data || !profile.data) return <PageLoading label="Chargement de la session…" />;
  const session = training.data.sessions.find((s) => s.id === sessionId);
  if (!session) return <NotFoundPage />;
  return <ApplyForm training={training.data} session={session} profile={profile.data} />;
}

function ApplyForm({ training, session, profile }: { training: TrainingDetail; session: TrainingDetail['sessions'][number]; profile: OwnProfile }) {
  const [motivation, setMotivation] = useState('');
  const [referredBy, setReferredBy] = useState('');
  const submission = useSubmission();
  const { errors } = submission;
  const back = `/formations/${encodeURIComponent(training.id)}`;
  const here = `${back}/sessions/${encodeURIComponent(session.id)}/candidater`;
  const segments = [
    { label: 'Trouver une formation', href: '/formations' },
    { label: training.title, href: back },
  ];
  const open = session.status === 'recruiting' && training.label.status === 'active';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!motivation.trim()) return submission.fail({ motivation: 'Écrivez quelques mots sur votre motivation.' });
    const done = await submission.run(() => candidatesApi.apply({ sessionId: session.id, motivation: motivation.trim(), referredBy: referredBy || null }));
    if (done) navigate('/candidat/voeux?envoye=1');
  }

  return (
    <ContentPage title={TITLE} width="narrow" segments={segments} lead={`${training.title} – ${training.provider.name}, ${training.commune.name}`}>
      <p>
        Session {formatDateRange(session.startsOn, session.endsOn)} : {SESSION_STATUS_LABELS[session.status].toLowerCase()}.
      </p>
      {!open ? (
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">Cette session ne recrute pas</h2>
          <p className="fr-callout__text">Choisissez une autre session de la formation, dont le recrutement est ouvert.</p>
          <Link className="fr-btn fr-mt-2w" href={back}>
            Revenir à la formation
          </Link>
        </div>
      ) : !profile.profile ? (
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">Complétez d’abord votre profil</h2>
          <p className="fr-callout__text">Votre profil accompagne chacune de vos candidatures : commune, diplôme, situation…</p>
          <Link className="fr-btn fr-mt-2w" href={`/candidat/profil?retour=${encodeURIComponent(here).replace(/%2F/g, '/')}`}>
            Compléter mon profil
          </Link>
        </div>
      ) : (
        <>
          <p>
            L’organisme de formation recevra votre motivation, votre profil (sans vos revenus) et votre diagnostic d’éligibilité.{' '}
            <Link href="/candidat/diagnostic">Voir mon diagnostic</Link>
          </p>
          <ErrorSummary failure={submission.failure} fields={FIELDS} />
          <form onSubmit={submit} noValidate aria-label="Ma candidature">
            <Input
              textArea
              label="Votre motivation *"
              hintText={`Quelques phrases : pourquoi cette formation, ce que vous en attendez (${MOTIVATION_MAX} caractères au plus).`}
              nativeTextAreaProps={{
                id: FIELDS.motivation!.id,
                rows: 6,
                maxLength: MOTIVATION_MAX,
                required: true,
                value: motivation,
                onChange: (e) => {
                  setMotivation(e.target.value);
                  submission.clearField('motivation');
                },
              }}
              {...errorState(errors, 'motivation')}
            />
            {profile.follows.length > 0 && (
              <Select
                label="Structure qui vous oriente vers cette formation (facultatif)"
                hint="Une structure qui vous accompagne, si elle vous a conseillé cette formation."
                nativeSelectProps={{ id: FIELDS.referredBy!.id, value: referredBy, onChange: (e) => setReferredBy(e.target.value) }}
                {...errorState(errors, 'referredBy')}
              >
                <option value="">Aucune</option>
                {profile.follows.map((f) => (
                  <option key={f.organisationId} value={f.organisationId}>
                    {f.name}
                  </option>
                ))}
              </Select>
            )}
            <ul className="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" className="fr-btn" disabled={submission.busy}>
                  Envoyer ma candidature
                </button>
              </li>
              <li>
                <Link className="fr-btn fr-btn--secondary" href={back}>
                  Annuler
                </Link>
              </li>
            </ul>
          </form>
        </>
      )}
    </ContentPage>
  );
}

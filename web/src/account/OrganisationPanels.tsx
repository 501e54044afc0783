import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { EmailField } from './EmailField.tsx';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { accountsApi, type InvitationRow, type MemberRow } from '../api/accounts.ts';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDate } from '../format/dates.ts';
import { ROLE_LABELS, type Membership, type OrganisationKind, type Role } from '../session/types.ts';
import { CheckboxField } from './CheckboxField.tsx';
import { ErrorSummary, useSubmission, type FieldMap } from './forms.tsx';
import { errorState } from '../components/fieldState.ts';
import { formatDay, INVITATION_STATUS_LABELS, invitableRoles, managesOrganisation } from './labels.ts';

export interface OrganisationRef {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** The members of an organisation and, for its admins and the operator, its invitations and the invite form. */
export function OrganisationPanels({
  organisation,
  actor,
  userId,
  level = 2,
}: {
  organisation: OrganisationRef;
  actor: Membership | null;
  userId: string;
  /** level of the panels' headings */
  level?: 2 | 3;
}) {
  const [version, setVersion] = useState(0);
  const manages = managesOrganisation(actor, organisation.id);
  return (
    <>
      <MembersPanel organisation={organisation} manages={manages} userId={userId} version={version} level={level} />
      {manages && (
        <>
          <InviteForm organisation={organisation} actor={actor} onInvited={() => setVersion((v) => v + 1)} level={level} />
          <InvitationsPanel organisation={organisation} version={version} level={level} />
        </>
      )}
    </>
  );
}

function Heading({ id, level, children }: { id: string; level: 2 | 3; children: ReactNode }) {
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <Tag id={id} className={level === 2 ? 'fr-h3' : 'fr-h4'}>
      {children}
    </Tag>
  );
}

/** A polite live region for the outcome of an action in a table. */
function StatusMessage({ message }: { message: { text: string; error: boolean } | null }) {
  return (
    <div role="status" aria-live="polite">
      {message && <Alert small severity={message.error ? 'error' : 'success'} description={message.text} className="fr-mb-3w" />}
    </div>
  );
}

function MembersPanel({ organisation, manages, userId, version, level }: { organisation: OrganisationRef; manages: boolean; userId: string; version: number; level: 2 | 3 }) {
  const [reload, setReload] = useState(0);
  const members = useApi(`members:${organisation.id}:${version}:${reload}`, (signal) => accountsApi.members(organisation.id, signal));
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const headingId = `membres-${organisation.id}`;

  async function remove(member: MemberRow) {
    try {
      await accountsApi.removeMember(organisation.id, member.id);
      setMessage({ text: `${member.givenName} ${member.familyName} ne fait plus partie de ${organisation.name}.`, error: false });
      setReload((r) => r + 1);
    } catch (e) {
      setMessage({ text: e instanceof ApiError ? e.message : 'Le retrait n’a pas abouti.', error: true });
    } finally {
      setConfirming(null);
    }
  }

  return (
    <section aria-labelledby={headingId} className="fr-mb-6w">
      <Heading id={headingId} level={level}>
        Membres
      </Heading>
      <StatusMessage message={message} />
      {members.status === 'error' && <Alert severity="error" small description={members.error.message} />}
      {members.status === 'loading' && !members.data && <p role="status">Chargement des membres…</p>}
      {members.data &&
        (members.data.length === 0 ? (
          <p>Aucun membre pour l’instant.</p>
        ) : (
          <DataTable
            caption={`Membres de « ${organisation.name} » (${members.data.length})`}
            hideCaption
            headers={['Nom', 'Adresse e-mail', 'Rôle', 'Administration', 'Membre depuis', ...(manages ? ['Action'] : [])]}
            rows={members.data.map((m) => ({
              key: m.id,
              cells: [
                `${m.givenName} ${m.familyName}`,
                m.email,
                ROLE_LABELS[m.role],
                m.isAdmin ? 'Oui' : 'Non',
                formatDate(m.since),
                ...(manages
                  ? [
                      m.userId === userId ? (
                        <span className="fr-text--sm">Vous</span>
                      ) : confirming === m.id ? (
                        <span className="app-inline-actions">
                          <button type="button" className="fr-btn fr-btn--sm" onClick={() => void remove(m)}>
                            Confirmer le retrait<span className="fr-sr-only"> de {m.givenName} {m.familyName}</span>
                          </button>
                          <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setConfirming(null)}>
                            Annuler
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setConfirming(m.id)}>
                          Retirer<span className="fr-sr-only"> {m.givenName} {m.familyName}</span>
                        </button>
                      ),
                    ]
                  : []),
              ],
            }))}
          />
        ))}
    </section>
  );
}

function InvitationsPanel({ organisation, version, level }: { organisation: OrganisationRef; version: number; level: 2 | 3 }) {
  const [reload, setReload] = useState(0);
  const invitations = useApi(`invitations:${organisation.id}:${version}:${reload}`, (signal) => accountsApi.invitations(organisation.id, signal));
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const headingId = `invitations-${organisation.id}`;

  async function revoke(invitation: InvitationRow) {
    try {
      await accountsApi.revokeInvitation(organisation.id, invitation.id);
      setMessage({ text: `L’invitation de ${invitation.email} est annulée.`, error: false });
      setReload((r) => r + 1);
    } catch (e) {
      setMessage({ text: e instanceof ApiError ? e.message : 'L’annulation n’a pas abouti.', error: true });
    }
  }

  return (
    <section aria-labelledby={headingId} className="fr-mb-6w">
      <Heading id={headingId} level={level}>
        Invitations envoyées
      </Heading>
      <StatusMessage message={message} />
      {invitations.status === 'error' && <Alert severity="error" small description={invitations.error.message} />}
      {invitations.status === 'loading' && !invitations.data && <p role="status">Chargement des invitations…</p>}
      {invitations.data &&
        (invitations.data.length === 0 ? (
          <p>Aucune invitation envoyée.</p>
        ) : (
          <DataTable
            caption={`Invitations envoyées pour « ${organisation.name} » (${invitations.data.length})`}
            hideCaption
            headers={['Adresse e-mail', 'Rôle', 'Administration', 'Envoyée le', 'Valable jusqu’au', 'État', 'Action']}
            rows={invitations.data.map((i) => ({
              key: i.id,
              cells: [
                i.email,
                ROLE_LABELS[i.role],
                i.isAdmin ? 'Oui' : 'Non',
                formatDay(i.createdAt),
                formatDay(i.expiresAt),
                INVITATION_STATUS_LABELS[i.status],
                i.status === 'pending' ? (
                  <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => void revoke(i)}>
                    Annuler<span className="fr-sr-only"> l’invitation de {i.email}</span>
                  </button>
                ) : (
                  ''
                ),
              ],
            }))}
          />
        ))}
    </section>
  );
}

function InviteForm({ organisation, actor, onInvited, level }: { organisation: OrganisationRef; actor: Membership | null; onInvited: () => void; level: 2 | 3 }) {
  const roles = invitableRoles(actor, organisation);
  const prefix = `inviter-${organisation.id}`;
  const fields: FieldMap = {
    email: { id: `${prefix}-email`, label: 'Adresse e-mail de la personne' },
    role: { id: `${prefix}-role`, label: 'Rôle' },
    isAdmin: { id: `${prefix}-admin`, label: 'Droits d’administration' },
  };
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | ''>(roles.length === 1 ? roles[0]! : '');
  const [isAdmin, setIsAdmin] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const submission = useSubmission();
  const { errors } = submission;
  const headingId = `${prefix}-titre`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = 'Indiquez l’adresse e-mail de la personne à inviter.';
    if (!role) missing.role = 'Choisissez le rôle de la personne.';
    if (Object.keys(missing).length > 0 || !role) return submission.fail(missing);
    const r = await submission.run(() => accountsApi.invite(organisation.id, { email: email.trim(), role, isAdmin }));
    if (r) {
      setSent(`Invitation envoyée à ${email.trim()}. Le lien est valable jusqu’au ${formatDay(r.value.expiresAt)}.`);
      setEmail('');
      setIsAdmin(false);
      onInvited();
    }
  }

  return (
    <section aria-labelledby={headingId} className="fr-mb-6w app-panel app-panel--narrow">
      <Heading id={headingId} level={level}>
        Inviter une personne
      </Heading>
      {roles.length === 0 ? (
        <p>Seul l’opérateur (GIP) peut inviter des personnes dans cette organisation.</p>
      ) : (
        <>
          <p>La personne reçoit un lien par message, valable 7 jours, pour rejoindre {organisation.name} (en créant son compte si besoin).</p>
          <div role="status" aria-live="polite">
            {sent && <Alert small severity="success" description={sent} className="fr-mb-3w" />}
          </div>
          <ErrorSummary failure={submission.failure} fields={fields} />
          <form onSubmit={submit} noValidate aria-labelledby={headingId}>
            <EmailField
              id={fields.email!.id}
              name="email"
              label="Adresse e-mail de la personne"
              autoComplete="off"
              value={email}
              onChange={(v) => {
                setEmail(v);
                submission.clearField('email');
              }}
              error={errors.email}
            />
            <Select
              label="Rôle"
              nativeSelectProps={{
                id: fields.role!.id,
                name: 'role',
                required: true,
                value: role,
                onChange: (e) => {
                  setRole(e.target.value as Role);
                  submission.clearField('role');
                },
              }}
              {...errorState(errors, 'role')}
            >
              {roles.length > 1 && (
                <option value="" disabled>
                  Choisissez un rôle
                </option>
              )}
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
            <CheckboxField
              id={fields.isAdmin!.id}
              name="isAdmin"
              label="Lui donner les droits d’administration"
              hint="Elle pourra inviter et retirer des collègues."
              checked={isAdmin}
              onChange={(checked) => {
                setIsAdmin(checked);
                submission.clearField('isAdmin');
              }}
              error={errors.isAdmin}
            />
            <button type="submit" className="fr-btn">
              Envoyer l’invitation
            </button>
          </form>
        </>
      )}
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { announce } from '../router/announcer.ts';
import { useSession } from '../session/SessionContext.tsx';
import { membershipLabel, type Account } from '../session/types.ts';

/**
 * In the header, for a person who belongs to several organisations or holds several roles: the
 * switcher of the one they act for (a select and a button: choosing in the list changes nothing until
 * the button is pressed).
 */
export function HeaderAccount({ id = 'header-account', account }: { id?: string; account: Account }) {
  const { switchMembership } = useSession();
  const [choice, setChoice] = useState(account.activeMembershipId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectId = `${id}-membership`;
  const errorId = `${id}-error`;
  const current = account.memberships.find((m) => m.id === account.activeMembershipId);

  // the active membership may change elsewhere (another tab, an invitation accepted)
  useEffect(() => setChoice(account.activeMembershipId ?? ''), [account.activeMembershipId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!choice || choice === account.activeMembershipId) return;
    setBusy(true);
    setError(null);
    try {
      await switchMembership(choice);
      const chosen = account.memberships.find((m) => m.id === choice);
      if (chosen) announce(`Vous agissez maintenant en tant que ${membershipLabel(chosen)}.`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Le changement n’a pas abouti.');
    } finally {
      setBusy(false);
    }
  }

  if (account.memberships.length < 2) return null;
  return (
    <form id={id} className="app-header-account" onSubmit={submit} aria-label="Changer d’organisation ou de rôle">
      <label className="fr-label" htmlFor={selectId}>
        Agir en tant que
      </label>
      <select
        id={selectId}
        className="fr-select app-header-account__select"
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        aria-describedby={error ? errorId : undefined}
      >
        {!current && <option value="">Choisissez…</option>}
        {account.memberships.map((m) => (
          <option key={m.id} value={m.id}>
            {membershipLabel(m)}
          </option>
        ))}
      </select>
      <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary" disabled={busy}>
        Changer
      </button>
      {error && (
        <p id={errorId} className="fr-message fr-message--error">
          {error}
        </p>
      )}
    </form>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { FieldLink } from '../components/FieldLink.tsx';

export type FieldErrors = Record<string, string>;

/** Field name → id of its input and its label, for the error summary's links. */
export type FieldMap = Record<string, { id: string; label: string }>;

export interface Failure {
  /** general message (the server's, or a client one), shown when it adds to the field messages */
  message: string | null;
  fields: FieldErrors;
  /** grows at each failed submission: the summary takes the focus again */
  attempt: number;
  /** the API's error code (`adresse_non_confirmee`, `trop_de_tentatives`…), null for a client check */
  code?: string | null;
  /** the HTTP status of the API's answer (0: no answer), null for a client check */
  status?: number | null;
}

const ERROR_PREFIX = 'Erreur : ';

const GENERIC = new Set(['Certains champs sont invalides.', 'Certains paramètres sont invalides.']);

/** The state of a form sent to the API: busy while it runs, the errors of the last failure. */
export function useSubmission(renameField: (name: string) => string = (n) => n) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const attempts = useRef(0);

  const fail = useCallback((fields: FieldErrors, message: string | null = null, from?: { code: string; status: number }) => {
    attempts.current += 1;
    setFailure({ fields, message, attempt: attempts.current, code: from?.code ?? null, status: from?.status ?? null });
  }, []);

  const busyRef = useRef(false);

  /**
   * Runs the call (once at a time); on an error, keeps its field messages and French message.
   * Resolves with { value } on success, null on a failure.
   */
  const run = useCallback(
    async <T,>(action: () => Promise<T>): Promise<{ value: T } | null> => {
      if (busyRef.current) return null;
      busyRef.current = true;
      setBusy(true);
      try {
        const value = await action();
        setFailure(null);
        return { value };
      } catch (error) {
        const e = error instanceof ApiError ? error : new ApiError(0, {});
        const fields: FieldErrors = {};
        for (const [name, message] of Object.entries(e.fields)) fields[renameField(name)] = message;
        let message = e.message;
        if (e.status === 429 && e.retryAfterSeconds && !/réessayez dans/i.test(message)) {
          const minutes = Math.ceil(e.retryAfterSeconds / 60);
          message = `${message} Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`;
        }
        fail(fields, message, { code: e.code, status: e.status });
        return null;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [fail, renameField],
  );

  /** Clears the message of a field the person is correcting. */
  const clearField = useCallback((name: string) => {
    setFailure((current) => {
      if (!current || !(name in current.fields)) return current;
      const fields = { ...current.fields };
      delete fields[name];
      return { ...current, fields };
    });
  }, []);

  return { busy, failure, errors: failure?.fields ?? {}, fail, run, clearField, reset: () => setFailure(null) };
}

/**
 * The errors of a failed submission, at the top of the form (RGAA 11.10): each links to its field;
 * the block takes the focus after every failed submission.
 */
export function ErrorSummary({ failure, fields, title }: { failure: Failure | null; fields: FieldMap; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure) ref.current?.focus();
  }, [failure?.attempt]);

  // the page title says there are errors (RGAA 8.6), as long as the summary shows
  const failed = failure !== null;
  useEffect(() => {
    if (!failed) return;
    if (!document.title.startsWith(ERROR_PREFIX)) document.title = ERROR_PREFIX + document.title;
    return () => {
      if (document.title.startsWith(ERROR_PREFIX)) document.title = document.title.slice(ERROR_PREFIX.length);
    };
  }, [failed]);

  if (!failure) return null;
  // one line per distinct message (a wrong sign-in marks both fields with the same message)
  const seen = new Set<string>();
  const entries = Object.entries(failure.fields).filter(([, message]) => {
    if (seen.has(message)) return false;
    seen.add(message);
    return true;
  });
  const showMessage = failure.message && !GENERIC.has(failure.message) && !seen.has(failure.message);
  const heading =
    title ??
    (entries.length > 1 ? `${entries.length} champs sont à corriger` : entries.length === 1 ? 'Un champ est à corriger' : 'La demande n’a pas abouti');

  return (
    <div ref={ref} tabIndex={-1} className="fr-alert fr-alert--error fr-mb-3w app-error-summary" role="alert">
      <h2 className="fr-alert__title">{heading}</h2>
      {showMessage && <p>{failure.message}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(([name, message]) => {
            const field = fields[name];
            const text = field && !message.startsWith(field.label) ? `${field.label} : ${message}` : message;
            return (
              <li key={name}>
                {field ? (
                  <FieldLink id={field.id}>{text}</FieldLink>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Fields left empty, with the message of each. */
export function required(values: Record<string, unknown>, messages: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, message] of Object.entries(messages)) {
    const value = values[name];
    if (typeof value !== 'string' || value.trim() === '') errors[name] = message;
  }
  return errors;
}

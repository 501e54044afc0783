// Small accessible building blocks of the calls pages (DSFR markup): fields with their error
// messages, an error summary that links to them, badges, and a loader that can reload.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { FieldLink } from '../components/FieldLink.tsx';

/** The id of the input of a field path ('trainings.0.title' → 'f-trainings-0-title'). */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export type Errors = Record<string, string>;

interface BaseProps {
  path: string;
  label: string;
  hint?: string;
  errors?: Errors;
  disabled?: boolean;
  required?: boolean;
}

function Group({ path, label, hint, errors, children, required }: BaseProps & { children: (describedBy: string | undefined, invalid: boolean) => ReactNode }) {
  const id = fieldId(path);
  const error = errors?.[path];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
        {hint && (
          <span className="fr-hint-text" id={hintId}>
            {hint}
          </span>
        )}
      </label>
      {children(describedBy, Boolean(error))}
      {error && (
        <p className="fr-error-text" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField(props: BaseProps & { value: string; onChange: (v: string) => void; type?: 'text' | 'email' | 'date' | 'tel'; multiline?: boolean; autoComplete?: string }) {
  const { path, value, onChange, type = 'text', multiline, disabled, autoComplete, required } = props;
  return (
    <Group {...props}>
      {(describedBy, invalid) =>
        multiline ? (
          <textarea
            className={`fr-input${invalid ? ' fr-input--error' : ''}`}
            id={fieldId(path)}
            value={value}
            rows={4}
            disabled={disabled}
            required={required}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            className={`fr-input${invalid ? ' fr-input--error' : ''}`}
            id={fieldId(path)}
            type={type}
            value={value}
            disabled={disabled}
            required={required}
            autoComplete={autoComplete ?? 'off'}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Group>
  );
}

/** A whole number (or empty → undefined). */
export function NumberField(props: BaseProps & { value: number | undefined; onChange: (v: number | undefined) => void; min?: number; max?: number; step?: number }) {
  const { path, value, onChange, min, max, step, disabled } = props;
  return (
    <Group {...props}>
      {(describedBy, invalid) => (
        <input
          className={`fr-input${invalid ? ' fr-input--error' : ''}`}
          id={fieldId(path)}
          type="number"
          inputMode="numeric"
          value={value ?? ''}
          min={min}
          max={max}
          step={step ?? 1}
          disabled={disabled}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      )}
    </Group>
  );
}

/** An amount typed in euros (decimal comma or point), kept in cents. */
export function EurosField(props: BaseProps & { value: number | undefined; onChange: (cents: number | undefined) => void }) {
  const { path, value, onChange, disabled } = props;
  const [text, setText] = useState(value === undefined ? '' : String(value / 100).replace('.', ','));
  useEffect(() => {
    const parsed = parseEuros(text);
    if (parsed !== value) setText(value === undefined ? '' : String(value / 100).replace('.', ','));
    // only when the value changes from outside
  }, [value]);
  return (
    <Group {...props} hint={props.hint ?? 'En euros, par exemple 70000'}>
      {(describedBy, invalid) => (
        <input
          className={`fr-input${invalid ? ' fr-input--error' : ''}`}
          id={fieldId(path)}
          type="text"
          inputMode="decimal"
          value={text}
          disabled={disabled}
          autoComplete="off"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => {
            setText(e.target.value);
            onChange(parseEuros(e.target.value));
          }}
        />
      )}
    </Group>
  );
}

export function parseEuros(s: string): number | undefined {
  const t = s.replace(/[\s\u202f€]/g, '').replace(',', '.');
  if (t === '' || !/^\d+(\.\d{0,2})?$/.test(t)) return undefined;
  return Math.round(Number(t) * 100);
}

export function SelectField(props: BaseProps & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; placeholder?: string }) {
  const { path, value, onChange, options, placeholder, disabled } = props;
  return (
    <div className={`fr-select-group${props.errors?.[path] ? ' fr-select-group--error' : ''}`}>
      <label className="fr-label" htmlFor={fieldId(path)}>
        {props.label}
        {props.hint && (
          <span className="fr-hint-text" id={`${fieldId(path)}-hint`}>
            {props.hint}
          </span>
        )}
      </label>
      <select
        className="fr-select"
        id={fieldId(path)}
        value={value}
        disabled={disabled}
        aria-describedby={[props.hint ? `${fieldId(path)}-hint` : '', props.errors?.[path] ? `${fieldId(path)}-error` : ''].filter(Boolean).join(' ') || undefined}
        aria-invalid={props.errors?.[path] ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.errors?.[path] && (
        <p className="fr-error-text" id={`${fieldId(path)}-error`}>
          {props.errors[path]}
        </p>
      )}
    </div>
  );
}

export function CheckboxField({ path, label, hint, checked, onChange, errors, disabled }: { path: string; label: string; hint?: string; checked: boolean; onChange: (v: boolean) => void; errors?: Errors; disabled?: boolean }) {
  const id = fieldId(path);
  const error = errors?.[path];
  return (
    <div className={`fr-checkbox-group fr-mb-2w${error ? ' fr-checkbox-group--error' : ''}`}>
      <input type="checkbox" id={id} checked={checked} disabled={disabled} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.target.checked)} />
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      {error && (
        <p className="fr-error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A list of problems (server field messages or what a proposal lacks), each linking to its field when
 * the page has it. Takes the focus when `focusKey` changes (after a failed submission).
 */
export function ProblemList({ title, problems, severity = 'error', focusKey }: { title: string; problems: { field: string; message: string }[]; severity?: 'error' | 'warning' | 'info'; focusKey?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey) ref.current?.focus();
  }, [focusKey]);
  if (problems.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className={`fr-alert fr-alert--${severity} fr-mb-3w`} role={severity === 'error' ? 'alert' : undefined}>
      <h2 className="fr-alert__title">{title}</h2>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.field}-${i}`}>
            <FieldLink id={fieldId(p.field)}>{p.message}</FieldLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The outcome of the last action: a polite status message or an error. */
export function Outcome({ message, error }: { message: string | null; error: string | null }) {
  return (
    <div role="status" aria-live="polite" className="fr-mb-2w">
      {message && (
        <div className="fr-alert fr-alert--success fr-alert--sm">
          <p>{message}</p>
        </div>
      )}
      {error && (
        <div className="fr-alert fr-alert--error fr-alert--sm">
          <p>{error}</p>
        </div>
      )}
    </div>
  );
}

/** Runs one action at a time; keeps its success message, or the server's message and field errors. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const last = useRef<Errors>({});
  const run = useCallback(async <T,>(action: () => Promise<T>, success?: string): Promise<T | null> => {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      const value = await action();
      last.current = {};
      setErrors({});
      if (success) setMessage(success);
      return value;
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, {});
      last.current = err.fields;
      setErrors(err.fields);
      setError(err.message);
      setAttempt((a) => a + 1);
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  /** the field errors of the last run (readable right after it, before the next render) */
  const lastErrors = useCallback(() => last.current, []);
  return { busy, message, error, errors, attempt, run, setErrors, setMessage, lastErrors };
}

/** Loads data for a key, and reloads it on demand (after an action). */
export function useReload<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>) {
  const [version, setVersion] = useState(0);
  const state = useApi(key === null ? null : `${key}#${version}`, load);
  return { state, reload: () => setVersion((v) => v + 1) };
}

export function Badge({ children, severity }: { children: ReactNode; severity?: 'success' | 'error' | 'info' | 'warning' | 'new' }) {
  return <span className={`fr-badge fr-badge--sm fr-badge--no-icon${severity ? ` fr-badge--${severity}` : ''}`}>{children}</span>;
}

export function LoadError({ error }: { error: ApiError }) {
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h2 className="fr-alert__title">{error.status === 404 ? 'Introuvable' : 'Le chargement n’a pas abouti'}</h2>
      <p>{error.message}</p>
    </div>
  );
}

/** A list of facts (term: value). */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="app-calls-facts">
      {items.map(([k, v]) => (
        <div key={k} className="app-calls-facts__row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A yes / no question as two radio buttons in a fieldset (the legend is the question). */
export function YesNoField({ path, legend, value, onChange, errors, disabled }: { path: string; legend: string; value: boolean | undefined; onChange: (v: boolean) => void; errors?: Errors; disabled?: boolean }) {
  const id = fieldId(path);
  const error = errors?.[path];
  return (
    <fieldset className={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`} id={id} tabIndex={-1} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular">{legend}</legend>
      {[true, false].map((v) => (
        <div key={String(v)} className="fr-fieldset__element fr-fieldset__element--inline">
          <div className="fr-radio-group">
            <input type="radio" id={`${id}-${v ? 'oui' : 'non'}`} name={id} checked={value === v} disabled={disabled} onChange={() => onChange(v)} />
            <label className="fr-label" htmlFor={`${id}-${v ? 'oui' : 'non'}`}>
              {v ? 'Oui' : 'Non'}
            </label>
          </div>
        </div>
      ))}
      {error && (
        <div className="fr-messages-group">
          <p className="fr-message fr-message--error" id={`${id}-error`}>
            {error}
          </p>
        </div>
      )}
    </fieldset>
  );
}

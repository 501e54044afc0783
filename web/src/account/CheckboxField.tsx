import type { ReactNode } from 'react';

/** One DSFR checkbox, its error message tied to it (aria-describedby). */
export function CheckboxField({
  id,
  name,
  label,
  hint,
  checked,
  onChange,
  error,
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
}) {
  const messagesId = `${id}-messages`;
  return (
    <div className={error ? 'fr-checkbox-group fr-checkbox-group--error fr-mb-3w' : 'fr-checkbox-group fr-mb-3w'}>
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={messagesId}
        aria-invalid={error ? true : undefined}
      />
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      <div className="fr-messages-group" id={messagesId} aria-live="polite">
        {error && <p className="fr-message fr-message--error">{error}</p>}
      </div>
    </div>
  );
}

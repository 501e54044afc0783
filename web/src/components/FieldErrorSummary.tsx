import { useEffect, useRef } from 'react';
import { FieldLink } from './FieldLink.tsx';

export interface FieldErrorSummaryProps {
  /** The message of each field at fault, by field name. */
  errors: Record<string, string>;
  /** The id of each field's input, for the link; a field without one is listed without a link. */
  ids: Record<string, string>;
  /** The label of each field, as the form shows it. */
  names: Record<string, string>;
  /** What is at fault, as a noun: « champ », « critère ». */
  noun: string;
}

/**
 * The errors at the top of a form, each linking to its field (RGAA 11.10). The block takes the focus
 * when the errors change, so that a screen reader hears them at once.
 */
export function FieldErrorSummary({ errors, ids, names, noun }: FieldErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const signature = entries.map(([k, v]) => `${k}:${v}`).join('|');

  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);

  if (entries.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h2 className="fr-alert__title">{entries.length > 1 ? `${entries.length} ${noun}s sont à corriger` : `Un ${noun} est à corriger`}</h2>
      <ul>
        {entries.map(([name, message]) => {
          const fieldId = ids[name];
          const text = `${names[name] ?? name} : ${message}`;
          return (
            <li key={name}>
              {fieldId ? (
                <FieldLink id={fieldId}>{text}</FieldLink>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

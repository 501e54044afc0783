import { useEffect, useRef } from 'react';
import { AID_FIELD_IDS, AID_FIELD_NAMES } from './form.ts';

/** The errors at the top of the form, each linking to its field (RGAA 11.10); takes the focus when they change. */
export function AidErrorSummary({ errors }: { errors: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const signature = entries.map(([k, v]) => `${k}:${v}`).join('|');

  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);

  if (entries.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h2 className="fr-alert__title">{entries.length > 1 ? `${entries.length} champs sont à corriger` : 'Un champ est à corriger'}</h2>
      <ul>
        {entries.map(([name, message]) => {
          const fieldId = AID_FIELD_IDS[name];
          const text = `${AID_FIELD_NAMES[name] ?? name} : ${message}`;
          return (
            <li key={name}>
              {fieldId ? (
                <a
                  href={`#${fieldId}`}
                  onClick={(event) => {
                    const field = document.getElementById(fieldId);
                    if (field) {
                      event.preventDefault();
                      field.focus();
                      field.scrollIntoView({ block: 'center' });
                    }
                  }}
                >
                  {text}
                </a>
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

import { useEffect, useRef } from 'react';
import { SEARCH_FIELD_IDS, SEARCH_FIELD_NAMES, type FieldErrors } from './fields.ts';

/** List of the errors at the top of the form, each linking to its field (RGAA 11.10). */
export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const signature = entries.map(([k, v]) => `${k}:${v}`).join('|');

  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);

  if (entries.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h2 className="fr-alert__title">
        {entries.length > 1 ? `${entries.length} critères sont à corriger` : 'Un critère est à corriger'}
      </h2>
      <ul>
        {entries.map(([name, message]) => {
          const fieldId = SEARCH_FIELD_IDS[name];
          const label = SEARCH_FIELD_NAMES[name] ?? name;
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
                  {label} : {message}
                </a>
              ) : (
                <>
                  {label} : {message}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

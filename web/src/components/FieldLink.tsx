import type { ReactNode } from 'react';

/**
 * A link from an error summary to the field at fault (RGAA 11.10): it moves the focus into the field
 * and scrolls it into view, rather than only scrolling as an anchor does.
 */
export function FieldLink({ id, children }: { id: string; children: ReactNode }) {
  return (
    <a
      href={`#${id}`}
      onClick={(event) => {
        const field = document.getElementById(id);
        if (field) {
          event.preventDefault();
          field.focus();
          field.scrollIntoView({ block: 'center' });
        }
      }}
    >
      {children}
    </a>
  );
}

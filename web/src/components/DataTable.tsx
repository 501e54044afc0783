import { useId, type ReactNode } from 'react';

export interface DataTableProps {
  caption: string;
  /** caption read by screen readers only */
  hideCaption?: boolean;
  headers: ReactNode[];
  rows: { key: string; cells: ReactNode[] }[];
  bordered?: boolean;
}

/**
 * A DSFR table (current markup). Its scrolling container is focusable and named after the caption,
 * so that keyboard users can scroll it on narrow screens.
 */
export function DataTable({ caption, hideCaption = false, headers, rows, bordered = false }: DataTableProps) {
  const captionId = useId();
  const classes = ['fr-table', bordered ? 'fr-table--bordered' : '', hideCaption ? 'fr-table--no-caption' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-labelledby={captionId}>
          <div className="fr-table__content">
            <table>
              <caption id={captionId}>{caption}</caption>
              <thead>
                <tr>
                  {headers.map((header, i) => (
                    <th key={i} scope="col">
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    {row.cells.map((cell, i) => (
                      <td key={i}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

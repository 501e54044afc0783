import type { ReactNode } from 'react';

/** Says plainly that the details around it are fictitious (demonstration deployment). */
export function DemoNotice({ children }: { children?: ReactNode }) {
  return (
    <div className="fr-callout fr-callout--yellow-tournesol fr-mb-4w">
      <p className="fr-callout__text">
        <strong>Démonstration.</strong>{' '}
        {children ?? 'Les coordonnées et les noms de cette page sont fictifs : ils seront remplacés par ceux de l’éditeur réel lors de la mise en production.'}
      </p>
    </div>
  );
}

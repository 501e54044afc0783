import type { ReactNode } from 'react';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { usePageTitle } from '../router/usePageTitle.ts';
import { PageHeading } from './PageHeading.tsx';

/** Frame of the text pages: breadcrumb, title, and a readable column. */
export function ContentPage({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="fr-container fr-mb-8w">
      <Breadcrumb currentPageLabel={title} homeLinkProps={{ href: '/' }} segments={[]} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-10 app-prose">
          <PageHeading>{title}</PageHeading>
          {lead && <p className="fr-text--lead">{lead}</p>}
          {children}
        </div>
      </div>
    </div>
  );
}

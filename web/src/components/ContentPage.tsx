import type { ReactNode } from 'react';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { usePageTitle } from '../router/usePageTitle.ts';
import { PageHeading } from './PageHeading.tsx';

const COLUMNS = {
  /** forms of a few fields (sign-in, sign-up…) */
  narrow: 'fr-col-12 fr-col-md-10 fr-col-lg-7',
  /** text pages: a readable column */
  text: 'fr-col-12 fr-col-lg-10 app-prose',
  /** tables (account, operator pages) */
  full: 'fr-col-12',
};

export interface ContentPageProps {
  title: string;
  /** document title, when it says more than the heading (a page number…) */
  documentTitle?: string;
  lead?: ReactNode;
  /** pages between the home page and this one in the breadcrumb */
  segments?: { label: string; href: string }[];
  width?: keyof typeof COLUMNS;
  children: ReactNode;
}

/** Frame of the text pages: breadcrumb, title, and a column. */
export function ContentPage({ title, documentTitle, lead, segments = [], width = 'text', children }: ContentPageProps) {
  usePageTitle(documentTitle ?? title);
  return (
    <div className="fr-container fr-mb-8w">
      <Breadcrumb
        currentPageLabel={title}
        homeLinkProps={{ href: '/' }}
        segments={segments.map((s) => ({ label: s.label, linkProps: { href: s.href } }))}
      />
      <div className="fr-grid-row">
        <div className={COLUMNS[width]}>
          <PageHeading>{title}</PageHeading>
          {lead && <p className="fr-text--lead">{lead}</p>}
          {children}
        </div>
      </div>
    </div>
  );
}

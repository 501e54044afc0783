import { useEffect, useRef, type ReactNode } from 'react';
import { takeFocusRequest } from '../router/history.ts';

/**
 * The h1 of a page. After an in-app navigation it receives the focus, so that keyboard and screen
 * reader users start reading the new page from its title.
 */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocusRequest()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={className ? `app-page-heading ${className}` : 'app-page-heading'}>
      {children}
    </h1>
  );
}

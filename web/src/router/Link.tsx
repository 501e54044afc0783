import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './history.ts';

export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** Paths served by the server itself (API, open data files, static assets, demo mailbox): never routed in the app. */
const SERVER_PATHS = /^\/(api|geo|dsfr|assets|dev)(\/|$)/;

export function isAppPath(href: string): boolean {
  return href.startsWith('/') && !href.startsWith('//') && !SERVER_PATHS.test(href);
}

/** An <a> that navigates inside the app without reloading (registered with react-dsfr). */
export function Link({ href, onClick, target, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (target !== undefined && target !== '_self') ||
      rest.download !== undefined ||
      !isAppPath(href)
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  }
  return <a href={href} target={target} onClick={handleClick} {...rest} />;
}

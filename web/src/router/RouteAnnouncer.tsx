import { useAnnouncement } from './announcer.ts';

export function RouteAnnouncer() {
  const message = useAnnouncement();
  return (
    <p className="fr-sr-only" aria-live="polite" aria-atomic="true">
      {message}
    </p>
  );
}

import { useSyncExternalStore } from 'react';

// One polite live region for the whole app: page changes are announced there.

let message = '';
const listeners = new Set<() => void>();

export function announce(text: string): void {
  // clear first so that the same text said twice is announced twice
  message = '';
  listeners.forEach((listener) => listener());
  window.setTimeout(() => {
    message = text;
    listeners.forEach((listener) => listener());
  }, 100);
}

export function useAnnouncement(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => message,
  );
}

import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

const subscribe = (onChange: () => void) => {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
};

/**
 * Whether the user asked their system for less motion. Dialogs, drawers and dropdowns then appear at once
 * instead of zooming and sliding in (WCAG 2.3.3); the end-to-end tests ask for it too, so a click never
 * lands on a dialog that is still opening.
 */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches);
}

import {useSyncExternalStore} from 'react';

import type {Theme} from '../lib/types';

const darkQuery = '(prefers-color-scheme: dark)';

function media(): MediaQueryList | undefined {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(darkQuery)
    : undefined;
}

function subscribe(onChange: () => void): () => void {
  const m = media();
  m?.addEventListener('change', onChange);
  return () => m?.removeEventListener('change', onChange);
}

function snapshot(): Theme {
  return media()?.matches ? 'dark' : 'light';
}

/**
 * useColorScheme returns the colour scheme the operating system asks for
 * and follows it when it changes. The CSS follows the same media query.
 */
export function useColorScheme(): Theme {
  return useSyncExternalStore(subscribe, snapshot, () => 'light');
}

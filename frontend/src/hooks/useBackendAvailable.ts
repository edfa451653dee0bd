import {useState} from 'react';

import {backendAvailable} from '../lib/api';

/**
 * useBackendAvailable reports whether the Go backend is reachable from this
 * page (it is inside the desktop app and under wails dev; it is not in plain
 * vite or Vitest). Wails injects the bridge before the app's script runs, so
 * the answer does not change during a page's life.
 */
export function useBackendAvailable(): boolean {
  const [available] = useState(backendAvailable);
  return available;
}

import {useEffect, useRef} from 'react';

import {isAppError, shellReady} from '../lib/api';
import type {Theme} from '../lib/types';

/**
 * useShellReady reports to the backend, once per page load, that the shell
 * has rendered: the window title, the sidebar's view ids and the theme. The
 * headless smoke test waits for this report. Outside the app (no backend)
 * there is nobody to tell, and that is not an error.
 */
export function useShellReady(views: readonly string[], theme: Theme): void {
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) {
      return;
    }
    sent.current = true;
    shellReady({title: document.title, views: [...views], theme}).catch((e: unknown) => {
      if (!isAppError(e, 'bridge_unavailable')) {
        console.error('shell ready report failed', e);
      }
    });
  }, [views, theme]);
}

import {useEffect, useState} from 'react';

import {AppError, canListen, on, status} from '../lib/api';
import {onConnectionChange} from '../lib/api/connections';
import type {AppStatus} from '../lib/types';

/** AppStatusState is what useAppStatus knows. */
export interface AppStatusState {
  /** The latest status, once loaded. */
  status?: AppStatus;
  /** Why the status could not be loaded (e.g. no backend). */
  error?: AppError;
  /** True from a `sync:progress` event until the next status arrives. */
  syncing: boolean;
}

/**
 * useAppStatus loads the top bar's status (connection, network, last sync)
 * and reloads it when a sync finishes, the network state changes, or a
 * connection setting changes through the gateway (a switch, the first-run
 * choice, the demo's offline switch, the sync interval).
 */
export function useAppStatus(): AppStatusState {
  const [state, setState] = useState<AppStatusState>({syncing: false});

  useEffect(() => {
    let live = true;
    let latest = 0;
    // Only the answer to the latest request counts; none after unmount.
    const load = () => {
      const id = ++latest;
      const current = () => live && id === latest;
      status().then(
        (s) => {
          if (current()) {
            setState({status: s, syncing: s.syncing});
          }
        },
        (e: unknown) => {
          if (current()) {
            setState((prev) => ({...prev, error: AppError.from(e), syncing: false}));
          }
        },
      );
    };
    load();
    const offs = [onConnectionChange(load)];
    if (canListen()) {
      offs.push(
        on('sync:done', load),
        on('net:status', load),
        on('sync:progress', () => {
          setState((prev) => (prev.syncing ? prev : {...prev, syncing: true}));
        }),
      );
    }
    return () => {
      live = false;
      for (const off of offs) {
        off();
      }
    };
  }, []);

  return state;
}

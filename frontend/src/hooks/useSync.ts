import {useCallback, useEffect, useState} from 'react';

import {AppError, canListen, on} from '../lib/api';
import {cancelSync, syncNow} from '../lib/api/review';
import type {SyncProgress, SyncRun} from '../lib/types';

/** SyncState is what the sync control shows. */
export interface SyncState {
  running: boolean;
  /** The latest progress event of the running sync. */
  progress?: SyncProgress;
  /** The last run that finished while this view was open. */
  lastRun?: SyncRun;
  /** Why the last sync this view started failed. */
  error?: AppError;
  cancelling: boolean;
}

/** UseSync is the sync state and its two actions. */
export interface UseSync extends SyncState {
  start: () => void;
  cancel: () => void;
}

/**
 * useSync runs syncs from the view and follows every sync (the background
 * ones too) through the backend's progress and done events. running starts
 * from the app status's syncing flag.
 */
export function useSync(syncingAtStart: boolean): UseSync {
  const [state, setState] = useState<SyncState>({running: syncingAtStart, cancelling: false});
  const [seen, setSeen] = useState(syncingAtStart);
  if (seen !== syncingAtStart) {
    // The app status arrived (or changed) after this view mounted.
    setSeen(syncingAtStart);
    setState((s) => ({...s, running: s.running || syncingAtStart}));
  }

  useEffect(() => {
    if (!canListen()) {
      return undefined;
    }
    const offs = [
      on('sync:progress', (p) => {
        setState((s) => ({...s, running: p.phase !== 'finished', progress: p, error: undefined}));
      }),
      on('sync:done', (run) => {
        setState({running: false, lastRun: run, cancelling: false});
      }),
    ];
    return () => {
      for (const off of offs) {
        off();
      }
    };
  }, []);

  const start = useCallback(() => {
    setState((s) => ({...s, running: true, error: undefined, progress: undefined}));
    syncNow().then(
      (run) => {
        setState({running: false, lastRun: run, cancelling: false});
      },
      (e: unknown) => {
        const err = AppError.from(e);
        if (err.code === 'conflict') {
          return; // another sync runs; its events tell how it goes
        }
        setState((s) => ({...s, running: false, cancelling: false, error: err.code === 'cancelled' ? undefined : err}));
      },
    );
  }, []);

  const cancel = useCallback(() => {
    setState((s) => ({...s, cancelling: true}));
    cancelSync().catch(() => undefined);
  }, []);

  return {...state, start, cancel};
}

import {useCallback, useEffect, useState} from 'react';

import {AppError, canListen, on, status} from '../lib/api';
import {listConnections, onConnectionChange, switchConnection, syncConnection} from '../lib/api/connections';
import type {Connection} from '../lib/types';

/**
 * syncInBackground brings the connection now in use up to date, as the app
 * does at start: unless its background sync is off, a sync starts and its
 * progress and outcome arrive as events (the top bar and the views follow
 * them). A sync already running is left to finish.
 */
export function syncInBackground(): void {
  status()
    .then((s) => (s.interval === 'off' ? undefined : syncConnection()))
    .catch(() => undefined); // reported through the sync and network events
}

/** ConnectionsState is what useConnections knows. */
export interface ConnectionsState {
  connections?: Connection[];
  error?: AppError;
  loading: boolean;
  reload: () => void;
}

/**
 * useConnections loads the connections (never a secret) and reloads them
 * after any change made through the gateway and after each sync.
 */
export function useConnections(): ConnectionsState {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{generation: number; connections?: Connection[]; error?: AppError}>({generation: -1});
  const reload = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    let live = true;
    listConnections().then(
      (connections) => {
        if (live) {
          setState({generation, connections});
        }
      },
      (e: unknown) => {
        if (live) {
          setState((prev) => ({generation, connections: prev.connections, error: AppError.from(e)}));
        }
      },
    );
    return () => {
      live = false;
    };
  }, [generation]);

  useEffect(() => {
    const offs = [onConnectionChange(reload)];
    if (canListen()) {
      offs.push(on('sync:done', reload));
    }
    return () => {
      for (const off of offs) {
        off();
      }
    };
  }, [reload]);

  return {connections: state.connections, error: state.error, loading: state.generation !== generation, reload};
}

/**
 * useConnectionGeneration counts the times another connection (or a reset
 * cache) came into use. The shell keys its views with it, so each view
 * mounts afresh and loads the new connection's data.
 */
export function useConnectionGeneration(): number {
  const [generation, setGeneration] = useState(0);
  useEffect(
    () =>
      onConnectionChange((change) => {
        if (change === 'connection') {
          setGeneration((g) => g + 1);
        }
      }),
    [],
  );
  return generation;
}

/** SwitcherState is what the top bar's connection menu needs. */
export interface SwitcherState {
  connections?: Connection[];
  /** Why the list could not be loaded. */
  listError?: string;
  /** Why the last switch failed. */
  switchError?: AppError;
  /** The id being switched to. */
  switching?: string;
  load: () => void;
  switchTo: (id: string) => void;
  dismissError: () => void;
}

/**
 * useConnectionSwitcher loads the connections when the menu opens and
 * switches to the one chosen; after a switch the views reload (through the
 * gateway's change event) and the new connection syncs behind them.
 */
export function useConnectionSwitcher(): SwitcherState {
  const [connections, setConnections] = useState<Connection[]>();
  const [listError, setListError] = useState<string>();
  const [switchError, setSwitchError] = useState<AppError>();
  const [switching, setSwitching] = useState<string>();

  const load = useCallback(() => {
    setListError(undefined);
    listConnections().then(setConnections, (e: unknown) => {
      setListError(AppError.from(e).message);
    });
  }, []);

  const switchTo = useCallback((id: string) => {
    setSwitching(id);
    setSwitchError(undefined);
    switchConnection(id).then(
      () => {
        setSwitching(undefined);
        syncInBackground();
      },
      (e: unknown) => {
        setSwitching(undefined);
        setSwitchError(AppError.from(e));
      },
    );
  }, []);

  const dismissError = useCallback(() => {
    setSwitchError(undefined);
  }, []);

  return {connections, listError, switchError, switching, load, switchTo, dismissError};
}

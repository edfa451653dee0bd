import {useCallback, useEffect, useState} from 'react';

import {AppError} from '../lib/api';
import {
  connectionCache,
  dataDir,
  demoBankUrl,
  onConnectionChange,
  removeConnection,
  renameConnection,
  replaceCredentials,
  resetDemo,
  setDemoOffline,
  setSyncInterval,
  switchConnection,
  syncConnection,
  testConnection,
  type ConnectionCache,
  type Credentials,
  type SyncInterval,
} from '../lib/api/connections';
import {toProblem, type Problem} from '../lib/connections';
import type {Connection} from '../lib/types';
import {syncInBackground} from './useConnections';
import {readyData, useLoadOnce} from './useLoad';
import type {RetestOutcome} from '../components/connections/ConnectionItem';

function problemOf(e: unknown): Problem {
  return toProblem(AppError.from(e));
}

/** ConnectionActions are the Settings list's actions; each resolves to the problem, if any. */
export interface ConnectionActions {
  switchTo: (id: string) => Promise<Problem | undefined>;
  rename: (id: string, name: string) => Promise<Problem | undefined>;
  replace: (id: string, c: Credentials) => Promise<Problem | undefined>;
  retest: (id: string) => Promise<RetestOutcome>;
}

/**
 * useConnectionActions wraps the gateway for the Settings list: failures
 * become problems for the item that asked, and reload runs after a re-test
 * (it records the permissions found).
 */
export function useConnectionActions(reload: () => void): ConnectionActions {
  const switchTo = useCallback(async (id: string) => {
    try {
      await switchConnection(id);
      syncInBackground();
      return undefined;
    } catch (e) {
      return problemOf(e);
    }
  }, []);
  const rename = useCallback(async (id: string, name: string) => {
    try {
      await renameConnection(id, name);
      return undefined;
    } catch (e) {
      return problemOf(e);
    }
  }, []);
  const replace = useCallback(async (id: string, c: Credentials) => {
    try {
      await replaceCredentials(id, c);
      return undefined;
    } catch (e) {
      return problemOf(e);
    } finally {
      reload();
    }
  }, [reload]);
  const retest = useCallback(
    async (id: string): Promise<RetestOutcome> => {
      try {
        return {test: await testConnection(id)};
      } catch (e) {
        return {problem: problemOf(e)};
      } finally {
        reload();
      }
    },
    [reload],
  );
  return {switchTo, rename, replace, retest};
}

/** RemoveState is the remove dialog's state. */
export interface RemoveState {
  target?: Connection;
  cache?: ConnectionCache;
  busy: boolean;
  problem?: Problem;
  open: (c: Connection) => void;
  confirm: (deleteCache: boolean) => void;
  cancel: () => void;
}

/** useRemoveConnection runs the remove dialog: it counts the cache first, then removes on confirmation. */
export function useRemoveConnection(): RemoveState {
  const [target, setTarget] = useState<Connection>();
  const [cache, setCache] = useState<ConnectionCache>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();

  const open = useCallback((c: Connection) => {
    setTarget(c);
    setCache(undefined);
    setProblem(undefined);
    connectionCache(c.id).then(setCache, () => {
      setCache({connectionId: c.id, exists: false, accounts: 0, transactions: 0, bytes: 0});
    });
  }, []);

  const confirm = useCallback(
    (deleteCache: boolean) => {
      if (!target) {
        return;
      }
      setBusy(true);
      setProblem(undefined);
      removeConnection(target.id, deleteCache).then(
        () => {
          setBusy(false);
          setTarget(undefined);
          syncInBackground();
        },
        (e: unknown) => {
          setBusy(false);
          setProblem(problemOf(e));
        },
      );
    },
    [target],
  );

  const cancel = useCallback(() => {
    setTarget(undefined);
  }, []);

  return {target, cache, busy, problem, open, confirm, cancel};
}

/** AsyncAction is one Settings action's progress: busy, and what happened last. */
export interface AsyncAction {
  busy: boolean;
  note: string;
  problem?: Problem;
}

/** SettingsActions are the sync and demo controls of Settings. */
export interface SettingsActions {
  interval: AsyncAction;
  /** The interval to show: the one chosen here, else what the status says. */
  intervalValue: (fromStatus: SyncInterval) => SyncInterval;
  setInterval: (i: SyncInterval) => void;
  offline: AsyncAction;
  /** Whether the demo bank is off: as chosen here, else as the status says. */
  offlineValue: (fromStatus: boolean) => boolean;
  setOffline: (offline: boolean) => void;
  reset: AsyncAction;
  resetDemoData: () => Promise<boolean>;
}

const idle: AsyncAction = {busy: false, note: ''};

/**
 * useSettingsActions runs the sync interval, the demo's offline switch and
 * the demo reset. What the person chose shows at once and stays (the
 * status catches up a moment later), until it fails or another connection
 * comes into use. Switching the demo bank off or on is followed by a sync,
 * so the app finds out the way it would with a real network, and says so in
 * the top bar; a reset is followed by a sync of the fresh data.
 */
export function useSettingsActions(intervalLabel: (i: SyncInterval) => string): SettingsActions {
  const [interval, setIntervalState] = useState<AsyncAction>(idle);
  const [offline, setOfflineState] = useState<AsyncAction>(idle);
  const [reset, setResetState] = useState<AsyncAction>(idle);
  const [chosenInterval, setChosenInterval] = useState<SyncInterval>();
  const [chosenOffline, setChosenOffline] = useState<boolean>();

  // Another connection (or a reset demo) has its own settings.
  useEffect(
    () =>
      onConnectionChange((change) => {
        if (change === 'connection') {
          setChosenInterval(undefined);
          setChosenOffline(undefined);
        }
      }),
    [],
  );

  const setInterval = useCallback(
    (i: SyncInterval) => {
      setChosenInterval(i);
      setIntervalState({busy: true, note: ''});
      setSyncInterval(i).then(
        () => {
          setIntervalState({busy: false, note: `Saved: ${intervalLabel(i).toLowerCase()}.`});
        },
        (e: unknown) => {
          setChosenInterval(undefined);
          setIntervalState({busy: false, note: '', problem: problemOf(e)});
        },
      );
    },
    [intervalLabel],
  );

  const setOffline = useCallback((off: boolean) => {
    setChosenOffline(off);
    setOfflineState({busy: true, note: off ? 'Switching the demo bank off…' : 'Switching the demo bank on…'});
    setDemoOffline(off).then(
      () => {
        setOfflineState({
          busy: false,
          note: off
            ? 'The demo bank is off: the app now behaves as without a network, and what is cached stays readable.'
            : 'The demo bank is on again.',
        });
        // Let the app find out, as it would with a real network.
        syncConnection().catch(() => undefined);
      },
      (e: unknown) => {
        setChosenOffline(undefined);
        setOfflineState({busy: false, note: '', problem: problemOf(e)});
      },
    );
  }, []);

  const intervalValue = (fromStatus: SyncInterval) => chosenInterval ?? fromStatus;
  const offlineValue = (fromStatus: boolean) => chosenOffline ?? fromStatus;

  const resetDemoData = useCallback(async () => {
    setResetState({busy: true, note: 'Resetting the demo…'});
    try {
      await resetDemo();
    } catch (e) {
      setResetState({busy: false, note: '', problem: problemOf(e)});
      return false;
    }
    setResetState({busy: false, note: 'The demo is back at its start. Syncing its data…'});
    syncConnection().then(
      () => {
        setResetState({busy: false, note: 'The demo is back at its start, and synced.'});
      },
      (e: unknown) => {
        setResetState({busy: false, note: 'The demo is back at its start.', problem: problemOf(e)});
      },
    );
    return true;
  }, []);

  return {interval, intervalValue, setInterval, offline, offlineValue, setOffline, reset, resetDemoData};
}

/** useDataDir loads the data folder (when the backend is there). */
export function useDataDir(available: boolean): string | undefined {
  return readyData(useLoadOnce(dataDir, available));
}

/** useDemoBankUrl loads the demo bank's address while the demo is in use. */
export function useDemoBankUrl(onDemo: boolean): string | undefined {
  const url = readyData(useLoadOnce(demoBankUrl, onDemo));
  return onDemo ? url : undefined;
}

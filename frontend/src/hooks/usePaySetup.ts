import {useCallback, useEffect, useState} from 'react';

import {AppError, backendAvailable} from '../lib/api';
import {payAccount, paySetup, type PayAccountSetup, type PaySetup} from '../lib/api/payments';

/** PaySetupState is what usePaySetup knows. */
export type PaySetupState =
  | {status: 'unavailable'}
  | {status: 'loading'}
  | {status: 'ready'; setup: PaySetup}
  | {status: 'error'; error: AppError};

/** UsePaySetup is the view's starting data and a way to reload it. */
export interface UsePaySetup {
  state: PaySetupState;
  /** reload fetches the data again; the current data stays shown meanwhile. */
  reload: () => Promise<void>;
}

/**
 * usePaySetup loads the accounts, permissions, limit, templates and recent
 * journal entries. Outside the app it is 'unavailable' at once (no loading
 * flash), so the view can show its empty state.
 */
export function usePaySetup(): UsePaySetup {
  const [state, setState] = useState<PaySetupState>(() => (backendAvailable() ? {status: 'loading'} : {status: 'unavailable'}));

  useEffect(() => {
    if (!backendAvailable()) {
      return undefined;
    }
    let live = true;
    paySetup().then(
      (setup) => {
        if (live) {
          setState({status: 'ready', setup});
        }
      },
      (e: unknown) => {
        if (live) {
          setState({status: 'error', error: AppError.from(e)});
        }
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const reload = useCallback(
    () =>
      paySetup().then(
        (setup) => {
          setState({status: 'ready', setup});
        },
        (e: unknown) => {
          setState({status: 'error', error: AppError.from(e)});
        },
      ),
    [],
  );
  return {state, reload};
}

/** PayAccountState is what usePayAccount knows about one source account. */
export type PayAccountState =
  | {status: 'idle'}
  | {status: 'loading'}
  | {status: 'ready'; account: PayAccountSetup}
  | {status: 'error'; error: AppError};

type Loaded = {accountId: string; account: PayAccountSetup} | {accountId: string; error: AppError};

/**
 * usePayAccount loads the beneficiaries payable from accountId and its
 * dual-authorisation setup, while enabled (i.e. for payments). It is
 * loading until the answer for this very account arrives.
 */
export function usePayAccount(accountId: string, enabled: boolean): PayAccountState {
  const [loaded, setLoaded] = useState<Loaded>();
  useEffect(() => {
    if (!enabled || accountId === '') {
      return undefined;
    }
    let live = true;
    payAccount(accountId).then(
      (account) => {
        if (live) {
          setLoaded({accountId, account});
        }
      },
      (e: unknown) => {
        if (live) {
          setLoaded({accountId, error: AppError.from(e)});
        }
      },
    );
    return () => {
      live = false;
    };
  }, [accountId, enabled]);
  if (!enabled || accountId === '') {
    return {status: 'idle'};
  }
  if (loaded?.accountId !== accountId) {
    return {status: 'loading'};
  }
  return 'account' in loaded ? {status: 'ready', account: loaded.account} : {status: 'error', error: loaded.error};
}

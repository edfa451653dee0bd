import {useEffect, useState} from 'react';

import {AppError, appInfo} from '../lib/api';
import type {AppInfo} from '../lib/types';

/** AppInfoState is what useAppInfo knows: the info, the error, or neither yet. */
export type AppInfoState =
  | {status: 'loading'}
  | {status: 'ready'; info: AppInfo}
  | {status: 'error'; error: AppError};

/** useAppInfo loads the running build's name, version and platform. */
export function useAppInfo(): AppInfoState {
  const [state, setState] = useState<AppInfoState>({status: 'loading'});
  useEffect(() => {
    let live = true;
    appInfo().then(
      (info) => {
        if (live) {
          setState({status: 'ready', info});
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
  return state;
}

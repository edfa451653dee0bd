import {appInfo} from '../lib/api';
import type {AppInfo} from '../lib/types';
import {useLoadOnce, type Once} from './useLoad';

/** AppInfoState is what useAppInfo knows: the info, the error, or neither yet. */
export type AppInfoState = Once<AppInfo>;

/** useAppInfo loads the running build's name, version and platform. */
export function useAppInfo(): AppInfoState {
  return useLoadOnce(appInfo);
}

import {AppInfo, ShellReady} from '../../../wailsjs/go/main/App';
import {domain} from '../../../wailsjs/go/models';
import {call} from './call';
import type {AppInfo as AppInfoT, ShellReport} from './models';

/** appInfo returns the running build's name, version and platform. */
export function appInfo(): Promise<AppInfoT> {
  return call(() => AppInfo());
}

/**
 * shellReady tells the backend the shell has rendered (the headless smoke
 * test waits for this). Call it once per page load.
 */
export function shellReady(report: ShellReport): Promise<void> {
  return call(() => ShellReady(domain.ShellReport.createFrom(report)));
}

import {domain} from '../../../wailsjs/go/models';
import {AppInfo, ShellReady, Status} from '../../../wailsjs/go/main/App';
import {call} from './call';
import type {AppInfo as AppInfoT, AppStatus, NetState, ShellReport} from './models';

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

const netStates: ReadonlySet<string> = new Set<NetState>(['unknown', 'online', 'offline']);

/** asNetState reads a network state, treating anything unexpected as unknown. */
export function asNetState(v: unknown): NetState {
  return typeof v === 'string' && netStates.has(v) ? (v as NetState) : 'unknown';
}

/**
 * status returns what the top bar shows: the active connection, whether the
 * bank can be reached, and the last sync.
 */
export async function status(): Promise<AppStatus> {
  const s = await call(() => Status());
  return {
    connection: s.connection,
    net: asNetState(s.net),
    netMessage: s.netMessage,
    lastSyncedAt: s.lastSyncedAt,
    syncing: s.syncing,
    lastRun: s.lastRun,
    interval: s.interval,
    onboarded: s.onboarded,
    demoOffline: s.demoOffline,
  };
}

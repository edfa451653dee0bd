import {Link} from 'react-router';

import type {NetState} from '../lib/types';

/** TopBarProps are the props of TopBar. */
export interface TopBarProps {
  /** The active connection's name, or undefined when there is none. */
  connectionName?: string;
  /** Whether the bank can be reached, as far as the app knows. */
  net: NetState;
  /** One short line about the last sync, e.g. "Synced 5 min ago". */
  syncStatus: string;
  /** Where the connection chip leads (the Settings view). */
  settingsPath: string;
}

const netLabel: Record<NetState, string> = {
  online: 'online',
  offline: 'offline',
  unknown: 'not checked yet',
};

/**
 * TopBar shows which connection the app is using, whether the bank can be
 * reached and how fresh the data is. The chip links to Settings, where
 * connections are managed.
 */
export function TopBar({connectionName, net, syncStatus, settingsPath}: TopBarProps) {
  return (
    <header className="topbar" data-testid="topbar">
      <div className="topbar__group">
        <Link to={settingsPath} className="chip" data-testid="connection-chip">
          <span className="chip__dot" data-net={net} aria-hidden="true" />
          <span data-testid="connection-name">{connectionName ?? 'No connection'}</span>
          <span className="visually-hidden">
            , {netLabel[net]}; manage connections in Settings
          </span>
        </Link>
        <span className="topbar__status" data-testid="sync-status" aria-live="polite">
          {syncStatus}
        </span>
      </div>
    </header>
  );
}

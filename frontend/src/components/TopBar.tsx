import {Link} from 'react-router';

/** TopBarProps are the props of TopBar. */
export interface TopBarProps {
  /** The active connection's name, or undefined when there is none. */
  connectionName?: string;
  /** One short line about the last sync, e.g. "Synced 5 min ago". */
  syncStatus: string;
  /** Where the connection chip leads (the Settings view). */
  settingsPath: string;
}

/**
 * TopBar shows which connection the app is using and how fresh its data is.
 * The chip links to Settings, where connections are managed.
 */
export function TopBar({connectionName, syncStatus, settingsPath}: TopBarProps) {
  return (
    <header className="topbar" data-testid="topbar">
      <div className="topbar__group">
        <Link to={settingsPath} className="chip" data-testid="connection-chip">
          <span className="chip__dot" aria-hidden="true" />
          <span>{connectionName ?? 'No connection'}</span>
          <span className="visually-hidden">, manage connections in Settings</span>
        </Link>
        <span className="topbar__status" data-testid="sync-status">
          {syncStatus}
        </span>
      </div>
    </header>
  );
}

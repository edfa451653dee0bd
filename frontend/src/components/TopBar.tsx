import {ConnectionSwitcher, type ConnectionSwitcherProps} from './connections/ConnectionSwitcher';

/** TopBarProps are the props of TopBar. */
export interface TopBarProps {
  /** The connection chip and its switch menu. */
  switcher: ConnectionSwitcherProps;
  /** One short line about the last sync, e.g. "Synced 5 min ago". */
  syncStatus: string;
}

/**
 * TopBar shows which connection the app is using (a menu switches to
 * another or leads to Settings, where connections are managed), whether
 * the bank can be reached and how fresh the data is.
 */
export function TopBar({switcher, syncStatus}: TopBarProps) {
  return (
    <header className="topbar" data-testid="topbar">
      <div className="topbar__group">
        <ConnectionSwitcher {...switcher} />
        <span className="topbar__status" data-testid="sync-status" aria-live="polite">
          {syncStatus}
        </span>
      </div>
    </header>
  );
}

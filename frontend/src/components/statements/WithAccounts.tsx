import type {ReactNode} from 'react';

import type {AccountsState} from '../../hooks/useExport';
import type {AccountChoice} from '../../lib/statements';

/** WithAccountsProps are the props of WithAccounts. */
export interface WithAccountsProps {
  /** The cached accounts, as useExportAccounts loads them. */
  accounts: AccountsState;
  /** Names the loading text and the problem: "<testId>-loading", "<testId>-error". */
  testId: string;
  /** Shown when no account is cached. */
  none: ReactNode;
  /** The screen for the cached accounts. */
  children: (accounts: readonly AccountChoice[]) => ReactNode;
}

/**
 * WithAccounts shows the export or statements screen for the cached
 * accounts once they are loaded: until then it says they are loading, or
 * why they could not be, and with no account it shows none.
 */
export function WithAccounts({accounts, testId, none, children}: WithAccountsProps) {
  switch (accounts.status) {
    case 'loading':
      return (
        <p className="muted" data-testid={`${testId}-loading`}>
          Loading your accounts…
        </p>
      );
    case 'error':
      return (
        <div className="notice notice--stacked notice--danger" role="alert" data-testid={`${testId}-error`}>
          <p className="notice__title">The accounts could not be loaded</p>
          <p>{accounts.error.message}</p>
        </div>
      );
    case 'ready':
      return accounts.data.length === 0 ? none : children(accounts.data);
  }
}

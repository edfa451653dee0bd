import {useState} from 'react';

import {countLabel, formatBytes, type Problem} from '../../lib/connections';
import {Modal} from './Modal';
import {ProblemNotice} from './ProblemNotice';

/** CacheSummary is what the connection keeps on this computer, once known. */
export interface CacheSummary {
  exists: boolean;
  transactions: number;
  bytes: number;
}

/** RemoveDialogProps are the props of RemoveDialog. */
export interface RemoveDialogProps {
  name: string;
  /** Whether its secrets are in the keyring (real and custom connections). */
  keyring: boolean;
  /** What deleting the cache would remove; undefined while it is counted. */
  cache?: CacheSummary | undefined;
  busy: boolean;
  problem?: Problem | undefined;
  onConfirm: (deleteCache: boolean) => void;
  onCancel: () => void;
}

/**
 * RemoveDialog confirms removing a connection. Its secrets always go from
 * the keyring; its cached data stays unless the (unticked) box is ticked.
 */
export function RemoveDialog({name, keyring, cache, busy, problem, onConfirm, onCancel}: RemoveDialogProps) {
  const [deleteCache, setDeleteCache] = useState(false);
  const count = cache === undefined ? 'counting…' : countLabel(cache.transactions, 'transaction', 'transactions');
  return (
    <Modal
      title={`Remove ‘${name}’?`}
      confirmLabel="Remove"
      busyLabel="Removing…"
      danger
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => {
        onConfirm(deleteCache);
      }}
      error={problem ? <ProblemNotice problem={problem} testId="remove-problem" /> : undefined}
      testId="remove-dialog"
    >
      <p>
        {keyring
          ? 'Its secrets are deleted from the system keyring.'
          : 'It uses published test credentials, so there is nothing to delete from the keyring.'}{' '}
        You can add it again later.
      </p>
      <label className="cn-check">
        <input
          type="checkbox"
          checked={deleteCache}
          disabled={busy}
          onChange={(e) => {
            setDeleteCache(e.target.checked);
          }}
          data-testid="remove-delete-cache"
        />
        <span>
          Also delete its cached data (<span data-testid="remove-count">{count}</span>
          {cache && cache.bytes > 0 ? `, ${formatBytes(cache.bytes)}` : ''})
        </span>
      </label>
      <p className="muted">Left unticked, its cached transactions and downloaded documents stay in the data folder on this computer.</p>
    </Modal>
  );
}

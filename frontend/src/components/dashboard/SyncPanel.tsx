import {formatRelative} from '../../lib/format';
import type {SyncProgress, SyncRun} from '../../lib/types';

/** SyncPanelProps are the props of SyncPanel. */
export interface SyncPanelProps {
  running: boolean;
  cancelling: boolean;
  progress?: SyncProgress;
  lastRun?: SyncRun;
  /** The message of the last sync this view started, when it failed. */
  error?: string;
  /** RFC 3339 of the last successful sync, "" if never. */
  lastSyncedAt: string;
  now: Date;
  onSync: () => void;
  onCancel: () => void;
}

const phaseWords: Record<string, string> = {
  started: 'Starting',
  accounts: 'Listing accounts',
  balances: 'Fetching the balance',
  transactions: 'Fetching transactions',
  pending: 'Fetching pending transactions',
  beneficiaries: 'Fetching beneficiaries',
  documents: 'Listing statements',
  account_done: 'Done',
  account_error: 'Failed',
  waiting: 'Waiting',
  finished: 'Finishing',
};

/** progressText says in words what a running sync is doing. */
export function progressText(p: SyncProgress | undefined): string {
  if (!p) {
    return 'Starting the sync…';
  }
  const parts: string[] = [];
  if (p.accountCount > 0 && p.accountIndex > 0) {
    parts.push(`Account ${String(p.accountIndex)} of ${String(p.accountCount)}${p.accountName ? ` (${p.accountName})` : ''}`);
  }
  let phase = phaseWords[p.phase] ?? p.phase;
  if (p.phase === 'transactions' && p.windowFrom && p.windowTo) {
    phase += ` ${p.windowFrom} to ${p.windowTo}`;
  }
  if (p.message && (p.phase === 'waiting' || p.phase === 'account_error')) {
    phase += `: ${p.message}`;
  }
  parts.push(phase);
  parts.push(`${String(p.fetched)} fetched`);
  return parts.join(' · ');
}

/** progressPercent estimates how far a sync is, by accounts done. */
export function progressPercent(p: SyncProgress | undefined): number {
  if (!p || p.accountCount <= 0) {
    return 0;
  }
  const done = p.phase === 'account_done' || p.phase === 'account_error' || p.phase === 'finished' ? p.accountIndex : Math.max(0, p.accountIndex - 1);
  return Math.min(100, Math.round((100 * done) / p.accountCount));
}

/** runText sums up a finished run. */
export function runText(run: SyncRun): string {
  const code: string = run.errorCode;
  if (code === 'cancelled') {
    return 'Sync cancelled; what was fetched is kept.';
  }
  const ok = run.accounts - run.failed;
  if (code !== '' && ok <= 0) {
    // The run failed before any account synced (offline, refused, ...).
    return run.errorMessage === '' ? 'Nothing was synced.' : `Nothing was synced. ${run.errorMessage}`;
  }
  const base = `Synced ${String(ok)} of ${String(run.accounts)} account${run.accounts === 1 ? '' : 's'}: ${String(run.added)} new transaction${run.added === 1 ? '' : 's'}.`;
  return run.failed > 0 ? `${base} ${run.errorMessage}` : base;
}

/**
 * SyncPanel says how fresh the data is and runs a sync: a Sync button, or
 * while one runs its live progress and a Cancel button.
 */
export function SyncPanel(props: SyncPanelProps) {
  const {running, cancelling, progress, lastRun, error, lastSyncedAt, now, onSync, onCancel} = props;
  const pct = progressPercent(progress);
  return (
    <section className="card sync-panel" aria-label="Sync" data-testid="sync-panel">
      <div className="row row--spread">
        <p className="sync-panel__fresh" data-testid="sync-fresh">
          {lastSyncedAt ? (
            <>
              Data last synced <strong>{formatRelative(lastSyncedAt, now)}</strong>
            </>
          ) : (
            'Not synced yet'
          )}
        </p>
        {running ? (
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={cancelling} data-testid="sync-cancel">
            {cancelling ? 'Cancelling…' : 'Cancel sync'}
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={onSync} data-testid="sync-now">
            Sync now
          </button>
        )}
      </div>
      {running ? (
        <div className="sync-panel__progress">
          <div
            className="progress"
            role="progressbar"
            aria-label="Sync progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={progressText(progress)}
          >
            <div className="progress__bar" style={{width: `${String(Math.max(pct, 4))}%`}} />
          </div>
          <p className="muted" role="status" data-testid="sync-progress">
            {progressText(progress)}
          </p>
        </div>
      ) : null}
      {!running && error ? (
        <p className="notice notice--danger" role="alert" data-testid="sync-error">
          {error}
        </p>
      ) : null}
      {!running && !error && lastRun ? (
        <p className="muted" role="status" data-testid="sync-result">
          {runText(lastRun)}
        </p>
      ) : null}
    </section>
  );
}

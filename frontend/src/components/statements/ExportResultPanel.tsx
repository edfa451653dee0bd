import {formatBytes, formatLabel, reconciled, type ExportOutcome} from '../../lib/statements';
import {ReconciliationTable} from './ReconciliationTable';

/** ExportResultPanelProps are the props of ExportResultPanel. */
export interface ExportResultPanelProps {
  outcome: ExportOutcome;
  onShow: () => void;
  onDone: () => void;
  /** Why Show in folder failed, if it did. */
  showError?: string | undefined;
}

/**
 * ExportResultPanel says what an export wrote and where, offers to show it
 * in the file manager, and shows each account's reconciliation.
 */
export function ExportResultPanel({outcome, onShow, onDone, showError}: ExportResultPanelProps) {
  const bad = outcome.accounts.filter((r) => !reconciled(r).ok).length;
  const size = outcome.files.reduce((n, f) => n + f.size, 0);
  const tone = bad > 0 ? 'notice--warning' : 'notice--info';
  return (
    <section className="section" aria-labelledby="export-done-title" data-testid="export-done">
      <div className={`notice notice--stacked ${tone}`}>
        <p className="notice__title" id="export-done-title">
          {bad > 0
            ? `Exported, but ${bad} account${bad === 1 ? ' does' : 's do'} not reconcile`
            : `${formatLabel(outcome.format)} exported`}
        </p>
        <p>
          {outcome.transactions} transaction{outcome.transactions === 1 ? '' : 's'} from {outcome.period.label},{' '}
          {outcome.files.length} file{outcome.files.length === 1 ? '' : 's'} ({formatBytes(size)}), saved to{' '}
          <span className="sx-path" data-testid="export-path">
            {outcome.path}
          </span>
        </p>
        {outcome.accounts.length > 0 && bad === 0 ? (
          <p data-testid="export-reconciled">
            Every account reconciles: opening balance + money in − money out = closing balance, and every running balance follows.
          </p>
        ) : null}
        {outcome.accounts.length === 0 ? (
          <p className="hint">CSV and OFX files carry no balance check; the Excel workbook and the accountant pack do.</p>
        ) : null}
      </div>
      <div className="row">
        <button type="button" className="button button--primary" onClick={onShow} data-testid="export-show">
          Show in folder
        </button>
        <button type="button" className="button button--secondary" onClick={onDone} data-testid="export-again">
          Export something else
        </button>
      </div>
      {showError ? (
        <p className="sx-error" role="alert">
          {showError}
        </p>
      ) : null}
      {outcome.accounts.length > 0 ? <ReconciliationTable accounts={outcome.accounts} /> : null}
    </section>
  );
}

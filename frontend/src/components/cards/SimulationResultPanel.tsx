import type {SimulationMode, SimulationResult} from '../../lib/cardcode';
import {formatDateTime, formatMoney} from '../../lib/format';
import {ExecutionItem} from './ExecutionItem';

/** SimulationResultPanelProps are the props of SimulationResultPanel. */
export interface SimulationResultPanelProps {
  mode: SimulationMode;
  result?: SimulationResult;
  error?: string;
  running: boolean;
}

const titles: Record<SimulationMode, string> = {
  local: 'Local emulator',
  investec: 'Investec simulator',
};

const wheres: Record<SimulationMode, string> = {
  local: 'Ran locally in this app\u2019s offline emulator. Nothing was sent to Investec.',
  investec: 'Ran on Investec, in Investec\u2019s simulator. The run is in the card\u2019s execution log at Investec.',
};

/**
 * SimulationResultPanel shows the latest run of one kind, saying plainly
 * where it ran: approved or declined, and every execution with its logs
 * and errors.
 */
export function SimulationResultPanel({mode, result, error, running}: SimulationResultPanelProps) {
  return (
    <section className={`box cc-result cc-result--${mode}`} aria-labelledby={`cc-result-${mode}`} data-testid={`result-${mode}`}>
      <header className="cc-result__head">
        <span className={`badge ${mode === 'local' ? 'badge--warning' : 'badge--info'}`}>{mode === 'local' ? 'Local' : 'Investec'}</span>
        <h3 id={`cc-result-${mode}`} className="cc-result__title">
          {titles[mode]}
        </h3>
      </header>
      <div aria-live="polite" aria-busy={running}>
        {running ? <p className="muted">Running…</p> : null}
        {!running && error ? (
          <p className="notice notice--danger cc-alert" role="alert" data-testid={`result-${mode}-error`}>
            {error}
          </p>
        ) : null}
        {!running && !error && result ? (
          <div className="cc-result__body">
            <p className="cc-result__where" data-testid={`result-${mode}-where`}>
              {wheres[mode]}
            </p>
            <p className={`cc-outcome ${result.approved ? 'cc-outcome--approved' : 'cc-outcome--declined'}`} data-testid={`result-${mode}-verdict`}>
              {result.approved ? 'Approved' : 'Declined'}
              <span className="cc-outcome__detail">
                {' '}
                · {formatMoney(result.centsAmount)} · {formatDateTime(result.ranAt)}
              </span>
            </p>
            {result.executions.map((e) => (
              <ExecutionItem key={e.id} execution={e} />
            ))}
          </div>
        ) : null}
        {!running && !error && !result ? <p className="muted">Not run yet.</p> : null}
      </div>
    </section>
  );
}

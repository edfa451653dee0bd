import '../components/statements/statements.css';

import {useMemo, useState, type ReactNode} from 'react';

import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {AccountPicker} from '../components/statements/AccountPicker';
import {ExportResultPanel} from '../components/statements/ExportResultPanel';
import {FormatPicker} from '../components/statements/FormatPicker';
import {PeriodPicker} from '../components/statements/PeriodPicker';
import {ProgressBar} from '../components/statements/ProgressBar';
import {WithAccounts} from '../components/statements/WithAccounts';
import {useBackendAvailable} from '../hooks/useBackendAvailable';
import {useChoosePath, useExport, useExportAccounts, useExportPlan, type ExportRun} from '../hooks/useExport';
import {AppError} from '../lib/api';
import type {AccountChoice, ExportFormat, ExportRequest, PeriodRequest} from '../lib/api/export';
import {exportFraction, phaseLabel, taxYearOf, today} from '../lib/statements';
import {pathOf} from '../navigation';

const description =
  'Everything your accountant needs for a period, from the transactions kept on this computer: an Excel workbook that reconciles every account, CSV or OFX files, or the accountant pack with the bank’s statements and tax certificates.';

/** ExportView exports a period's transactions for an accountant. */
export function ExportView() {
  const available = useBackendAvailable();
  return (
    <div data-testid="view-export" className="stack sx-view">
      <PageHeader title="Export" description={description} />
      {available ? <ExportScreen /> : <NothingToExport />}
    </div>
  );
}

function NothingToExport() {
  return (
    <EmptyState icon="export" title="Nothing to export yet" actions={[{to: pathOf('dashboard'), label: 'Go to the Dashboard'}]}>
      <p>Exports are made from the transactions kept on this computer. Run a sync from the Dashboard first.</p>
    </EmptyState>
  );
}

function ExportScreen() {
  const accounts = useExportAccounts();
  return (
    <WithAccounts accounts={accounts} testId="export" none={<NothingToExport />}>
      {(list) => <ExportForm accounts={list} />}
    </WithAccounts>
  );
}

function ExportForm({accounts}: {accounts: readonly AccountChoice[]}) {
  const currentTaxYear = useMemo(() => taxYearOf(today()), []);
  const taxYears = useMemo(() => [0, 1, 2, 3, 4].map((i) => currentTaxYear - i), [currentTaxYear]);
  const [period, setPeriod] = useState<PeriodRequest>({
    preset: 'last_tax_year',
    month: '',
    taxYear: currentTaxYear - 1,
    from: '',
    to: '',
  });
  const [selected, setSelected] = useState<string[]>(() => accounts.map((a) => a.id));
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [zip, setZip] = useState(true);
  const [documents, setDocuments] = useState(true);
  const [path, setPath] = useState('');
  const [pathError, setPathError] = useState<string>();
  const [showError, setShowError] = useState<string>();
  const exp = useExport();
  const choose = useChoosePath();

  const all = selected.length === accounts.length;
  const request: ExportRequest | undefined =
    selected.length === 0
      ? undefined
      : {period, accountIds: all ? [] : selected, format, path: '', zip, noDocuments: format === 'pack' && !documents};
  const plan = useExportPlan(request);
  const fieldErrors = plan.error?.fieldErrors() ?? {};
  const running = exp.run.status === 'running';
  const finished = exp.run.status !== 'idle' && !running;

  const changeFormat = (f: ExportFormat) => {
    setFormat(f);
    setPath(''); // a file and a folder are chosen differently
  };
  const changeZip = (z: boolean) => {
    setZip(z);
    setPath('');
  };

  const chooseWhere = () => {
    if (!request) {
      return;
    }
    setPathError(undefined);
    choose(request).then(
      (p) => {
        if (p !== '') {
          setPath(p);
        }
      },
      (e: unknown) => {
        setPathError(AppError.from(e).message);
      },
    );
  };

  const start = () => {
    if (!request || !plan.plan) {
      return;
    }
    setShowError(undefined);
    exp.start({...request, path}, selected);
  };

  const show = () => {
    if (exp.run.status !== 'done') {
      return;
    }
    setShowError(undefined);
    exp.show(exp.run.outcome.path).catch((e: unknown) => {
      setShowError(AppError.from(e).message);
    });
  };

  const destination = path !== '' ? path : plan.plan?.path;
  const canExport = request !== undefined && plan.plan !== undefined && !running;

  return (
    <>
      <section className="card section" aria-labelledby="export-what" data-testid="export-form">
        <h2 className="card__title" id="export-what">
          What to export
        </h2>
        <div className="grid sx-grid">
          <PeriodPicker
            value={period}
            onChange={setPeriod}
            taxYears={taxYears}
            currentTaxYear={currentTaxYear}
            resolved={plan.plan?.period}
            errors={fieldErrors}
            disabled={running}
          />
          <AccountPicker
            accounts={accounts}
            selected={selected}
            onChange={setSelected}
            error={selected.length === 0 ? 'Choose at least one account.' : fieldErrors.accountIds}
            disabled={running}
          />
          <FormatPicker
            value={format}
            onChange={changeFormat}
            zip={zip}
            onZip={changeZip}
            documents={documents}
            onDocuments={setDocuments}
            disabled={running}
          />
        </div>
      </section>

      <section className="card section" aria-labelledby="export-where">
        <h2 className="card__title" id="export-where">
          Where
        </h2>
        <p>
          {destinationLead(format, path !== '' && !zip)}{' '}
          <span className="sx-path" data-testid="export-destination">
            {destination ?? '…'}
          </span>
        </p>
        {plan.error && Object.keys(fieldErrors).length === 0 ? (
          <p className="sx-error" role="alert">
            {plan.error.message}
          </p>
        ) : null}
        {pathError ? (
          <p className="sx-error" role="alert">
            {pathError}
          </p>
        ) : null}
        <div className="row">
          <button type="button" className="button button--primary" onClick={start} disabled={!canExport} data-testid="export-start">
            {startLabel(format)}
          </button>
          <button type="button" className="button button--secondary" onClick={chooseWhere} disabled={!request || running} data-testid="export-choose">
            Choose where…
          </button>
          {path !== '' ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setPath('');
              }}
              disabled={running}
              data-testid="export-default-place"
            >
              Use the default folder
            </button>
          ) : null}
        </div>
      </section>

      {running || finished ? (
        <section className="card section" aria-labelledby="export-status-title" data-testid="export-status">
          <h2 className="card__title" id="export-status-title">
            {running ? 'Exporting' : 'Export'}
          </h2>
          <RunPanel run={exp.run} onCancel={exp.cancel} onShow={show} onDone={exp.reset} showError={showError} />
        </section>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="export-announce">
        {announce(exp.run)}
      </p>
    </>
  );
}

/** destinationLead introduces where an export goes. */
function destinationLead(format: ExportFormat, chosenFolder: boolean): string {
  if (format === 'csv' || format === 'ofx') {
    return 'The files go into';
  }
  if (format === 'pack' && chosenFolder) {
    return 'The pack goes into';
  }
  return 'Saves to';
}

/** startLabel is the export button's text for a format. */
function startLabel(format: ExportFormat): string {
  switch (format) {
    case 'xlsx':
      return 'Export the workbook';
    case 'csv':
      return 'Export CSV files';
    case 'ofx':
      return 'Export OFX files';
    case 'pack':
      return 'Make the accountant pack';
  }
}

/** announce is what a screen reader hears about the export. */
function announce(run: ExportRun): string {
  switch (run.status) {
    case 'idle':
      return '';
    case 'running':
      return run.cancelling ? 'Cancelling the export.' : 'Exporting.';
    case 'done':
      return `Export finished: ${run.outcome.files.length} files saved to ${run.outcome.path}.`;
    case 'cancelled':
      return 'The export was cancelled; nothing was written.';
    case 'error':
      return `The export failed: ${run.error.message}`;
  }
}

interface RunPanelProps {
  run: ExportRun;
  onCancel: () => void;
  onShow: () => void;
  onDone: () => void;
  showError?: string | undefined;
}

function RunPanel({run, onCancel, onShow, onDone, showError}: RunPanelProps) {
  switch (run.status) {
    case 'idle':
      return null;
    case 'running': {
      const p = run.progress;
      const fraction = exportFraction(run.request.format, p, run.accountIds, run.request.noDocuments);
      return (
        <div className="sx-progress" data-testid="export-progress">
          <ProgressBar fraction={fraction} label="Export progress" testId="export-progressbar" />
          <p data-testid="export-phase">
            {p ? phaseLabel(p.phase) : 'Starting'}
            {p && p.total > 0 ? ` · ${p.rows} of ${p.total}` : ''}
            {p?.file ? <span className="hint"> · {p.file}</span> : null}
          </p>
          <div className="row">
            <button type="button" className="button button--secondary" onClick={onCancel} disabled={run.cancelling} data-testid="export-cancel">
              {run.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        </div>
      );
    }
    case 'done':
      return <ExportResultPanel outcome={run.outcome} onShow={onShow} onDone={onDone} showError={showError} />;
    case 'cancelled':
      return (
        <EndedPanel testId="export-cancelled" tone="warning" title="The export was cancelled" onDone={onDone}>
          Nothing was written.
        </EndedPanel>
      );
    case 'error':
      return (
        <EndedPanel testId="export-failed" tone="danger" title="The export failed" onDone={onDone}>
          {run.error.message}
        </EndedPanel>
      );
  }
}

interface EndedPanelProps {
  testId: string;
  /** warning for a cancelled export; danger for a failed one, which is announced at once. */
  tone: 'warning' | 'danger';
  title: string;
  children: ReactNode;
  onDone: () => void;
}

/** EndedPanel says why an export ended without files, and offers to start again. */
function EndedPanel({testId, tone, title, children, onDone}: EndedPanelProps) {
  return (
    <div className="section" data-testid={testId}>
      <div className={`notice notice--stacked notice--${tone}`} role={tone === 'danger' ? 'alert' : undefined}>
        <p className="notice__title">{title}</p>
        <p>{children}</p>
      </div>
      <div className="row">
        <button type="button" className="button button--secondary" onClick={onDone}>
          Start again
        </button>
      </div>
    </div>
  );
}

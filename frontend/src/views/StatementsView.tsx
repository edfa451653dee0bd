import '../components/statements/statements.css';

import {useId, useMemo, useState} from 'react';

import {EmptyState} from '../components/EmptyState';
import {ChoiceSelect, type Choice} from '../components/Field';
import {PageHeader} from '../components/PageHeader';
import {DocumentTable} from '../components/statements/DocumentTable';
import {ProgressBar} from '../components/statements/ProgressBar';
import {WithAccounts} from '../components/statements/WithAccounts';
import {useBackendAvailable} from '../hooks/useBackendAvailable';
import {useDocuments, type BulkState} from '../hooks/useDocuments';
import {useExportAccounts} from '../hooks/useExport';
import {useNetStatus} from '../hooks/useNetStatus';
import type {AccountChoice} from '../lib/api/export';
import {documentPeriods, today} from '../lib/statements';
import {pathOf} from '../navigation';

const description = 'Download your statements and tax certificates and keep them on this computer, where they open even offline.';

/** StatementsView lists statements and tax certificates to download and open. */
export function StatementsView() {
  const available = useBackendAvailable();
  return (
    <div data-testid="view-statements" className="stack sx-view">
      <PageHeader title="Statements" description={description} />
      {available ? <StatementsScreen /> : <NoDocuments />}
    </div>
  );
}

function NoDocuments() {
  return (
    <EmptyState icon="statements" title="No documents listed yet" actions={[{to: pathOf('dashboard'), label: 'Go to the Dashboard'}]}>
      <p>A sync lists the statements and tax certificates Investec holds for each account. Run one from the Dashboard.</p>
    </EmptyState>
  );
}

function StatementsScreen() {
  const accounts = useExportAccounts();
  return (
    <WithAccounts accounts={accounts} testId="statements" none={<NoDocuments />}>
      {(list) => <Statements accounts={list} />}
    </WithAccounts>
  );
}

type TypeFilter = '' | 'Statement' | 'TaxCertificate';

const typeChoices: readonly Choice<TypeFilter>[] = [
  {value: '', label: 'Statements and tax certificates'},
  {value: 'Statement', label: 'Statements'},
  {value: 'TaxCertificate', label: 'Tax certificates'},
];

function Statements({accounts}: {accounts: readonly AccountChoice[]}) {
  const id = useId();
  const periods = useMemo(() => documentPeriods(today()), []);
  const [accountId, setAccountId] = useState('');
  const [periodId, setPeriodId] = useState(periods[0]?.id ?? 'all');
  const [type, setType] = useState<TypeFilter>('');
  const period = periods.find((p) => p.id === periodId) ?? {from: '', to: '', label: ''};
  const docs = useDocuments({
    accountIds: accountId ? [accountId] : [],
    from: period.from,
    to: period.to,
    types: type ? [type] : [],
  });
  const net = useNetStatus();
  const offline = docs.list?.refreshCode === 'offline' || net?.net === 'offline';
  const missing = docs.list?.documents.filter((d) => !d.downloaded).length ?? 0;
  const bulkRunning = docs.bulk.status === 'running';

  return (
    <>
      <section className="card section" aria-label="Choose documents" data-testid="statements-filters">
        <div className="row">
          <div className="sx-field">
            <label htmlFor={`${id}-account`}>Account</label>
            <ChoiceSelect
              id={`${id}-account`}
              className="input"
              value={accountId}
              choices={[{value: '', label: 'All accounts'}, ...accounts.map((a) => ({value: a.id, label: a.label}))]}
              onChange={setAccountId}
              testId="statements-account"
            />
          </div>
          <div className="sx-field">
            <label htmlFor={`${id}-period`}>Period</label>
            <ChoiceSelect
              id={`${id}-period`}
              className="input"
              value={periodId}
              choices={periods.map((p) => ({value: p.id, label: p.label}))}
              onChange={setPeriodId}
              testId="statements-period"
            />
          </div>
          <div className="sx-field">
            <label htmlFor={`${id}-type`}>Type</label>
            <ChoiceSelect id={`${id}-type`} className="input" value={type} choices={typeChoices} onChange={setType} testId="statements-type" />
          </div>
        </div>
        <div className="row">
          <button
            type="button"
            className="button button--primary"
            onClick={docs.downloadAll}
            disabled={bulkRunning || missing === 0 || offline || docs.loading}
            data-testid="statements-download-all"
          >
            Download all for this period{missing > 0 ? ` (${missing})` : ''}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={docs.refresh}
            disabled={docs.refreshing || bulkRunning}
            data-testid="statements-refresh"
          >
            {docs.refreshing ? 'Refreshing…' : 'Refresh list'}
          </button>
        </div>
        <BulkPanel bulk={docs.bulk} onCancel={docs.cancelAll} />
      </section>

      {offline ? (
        <div className="notice notice--stacked notice--warning" role="status" data-testid="statements-offline">
          <p className="notice__title">Investec cannot be reached</p>
          <p>
            Documents already on this computer open as usual. The others can be downloaded once you are back online.
            {docs.list?.refreshMessage ? ` (${docs.list.refreshMessage})` : ''}
          </p>
        </div>
      ) : docs.list?.refreshMessage ? (
        <div className="notice notice--stacked notice--warning" role="status" data-testid="statements-refresh-error">
          <p className="notice__title">The list could not be refreshed; this is the list kept on this computer</p>
          <p>{docs.list.refreshMessage}</p>
        </div>
      ) : null}

      <DocumentsBody docs={docs} offline={offline} busy={bulkRunning} periodLabel={period.label} />
    </>
  );
}

function DocumentsBody({
  docs,
  offline,
  busy,
  periodLabel,
}: {
  docs: ReturnType<typeof useDocuments>;
  offline: boolean;
  busy: boolean;
  periodLabel: string;
}) {
  if (docs.loading) {
    return (
      <p className="muted" data-testid="statements-loading" aria-busy="true">
        Loading the documents…
      </p>
    );
  }
  if (docs.error) {
    return (
      <div className="notice notice--stacked notice--danger" role="alert">
        <p className="notice__title">The documents could not be listed</p>
        <p>{docs.error.message}</p>
      </div>
    );
  }
  if (docs.list?.business) {
    return (
      <EmptyState icon="statements" title="No statements for business accounts">
        <p>Investec’s API offers statements and tax certificates for Private Banking accounts only. Business statements are in Investec Online.</p>
      </EmptyState>
    );
  }
  const list = docs.list?.documents ?? [];
  if (list.length === 0) {
    return (
      <EmptyState icon="statements" title="No documents for this choice">
        <p>
          Investec lists no statements or tax certificates for {periodLabel ? periodLabel.toLowerCase() : 'this period'} and these accounts. Try
          another period, or refresh the list.
        </p>
      </EmptyState>
    );
  }
  return <DocumentTable documents={list} rows={docs.rows} offline={offline} busy={busy} onDownload={docs.download} onOpen={docs.open} />;
}

function BulkPanel({bulk, onCancel}: {bulk: BulkState; onCancel: () => void}) {
  switch (bulk.status) {
    case 'idle':
      return null;
    case 'running': {
      const p = bulk.progress;
      return (
        <div className="sx-progress" data-testid="statements-progress">
          <ProgressBar fraction={p && p.total > 0 ? p.done / p.total : undefined} label="Download progress" />
          <div className="row">
            <span>{p ? `${p.done} of ${p.total} documents` : 'Starting…'}</span>
            <button type="button" className="button button--secondary button--small" onClick={onCancel} disabled={bulk.cancelling}>
              {bulk.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        </div>
      );
    }
    case 'done': {
      const r = bulk.result;
      return (
        <p className={r.failed > 0 ? 'sx-error' : 'hint'} role="status" data-testid="statements-bulk-result">
          {r.downloaded} downloaded, {r.archived} already on this computer
          {r.failed > 0 ? `, ${r.failed} could not be downloaded: ${r.errorMessage}` : '.'}
        </p>
      );
    }
    case 'error':
      return (
        <p className="sx-error" role="alert" data-testid="statements-bulk-result">
          {bulk.error.code === 'cancelled' ? 'Cancelled; the documents already downloaded are kept.' : bulk.error.message}
        </p>
      );
  }
}

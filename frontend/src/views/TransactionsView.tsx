import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Link, useSearchParams} from 'react-router';

import {EmptyState} from '../components/EmptyState';
import type {Choice} from '../components/Field';
import {PageHeader} from '../components/PageHeader';
import {TotalsBar} from '../components/transactions/TotalsBar';
import {TransactionFilters} from '../components/transactions/TransactionFilters';
import {TransactionPanel} from '../components/transactions/TransactionPanel';
import {TransactionTable} from '../components/transactions/TransactionTable';
import {useLoad} from '../hooks/useLoad';
import {useAccounts, useCategories, useTransactionTypes} from '../hooks/useReviewData';
import {useTransactionRows} from '../hooks/useTransactionRows';
import {AppError, backendAvailable} from '../lib/api';
import {annotate, transactionDetail, type Account, type Annotation} from '../lib/api/review';
import {activeFilterCount, filtersToParams, nextSort, parseFilters, toBackendFilter, type TxFilters} from '../lib/review/filters';
import {isSearchShortcut} from '../lib/review/keyboard';
import {localToday} from '../lib/review/periods';
import type {SortField} from '../lib/review/types';
import {pathOf} from '../navigation';

const noTypes: string[] = [];

/** SEARCH_DEBOUNCE_MS is how long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 40;

/** accountLabel names an account briefly: its reference name and the end of its number. */
export function accountLabel(a: Account): string {
  const name = a.referenceName || a.name || a.productName || a.id;
  return a.number ? `${name} ··${a.number.slice(-4)}` : name;
}

/**
 * TransactionsView finds and categorises cached transactions, offline: one
 * virtualized table over however many transactions the filters select,
 * with their totals, and a detail panel to set a category and note. The
 * filters live in the URL, so Back/Forward and bookmarks work.
 */
export function TransactionsView() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const today = useMemo(() => localToday(), []);
  // The search in effect: the URL's q, or what was just typed (liveQ) until
  // the URL catches up. A URL change from elsewhere (Back, Clear) resets it.
  const [liveQ, setLiveQ] = useState(filters.q);
  const [urlQ, setUrlQ] = useState(filters.q);
  if (urlQ !== filters.q) {
    setUrlQ(filters.q);
    setLiveQ(filters.q);
  }
  const backendFilter = useMemo(() => toBackendFilter({...filters, q: liveQ}, today), [filters, liveQ, today]);
  const {rows, key, version, state, start: startRows} = useTransactionRows(backendFilter);
  // The search box keeps what is typed to itself (SearchBox) and reports
  // it once typing pauses: the first page is asked for there and then, and
  // the URL (which may lag: navigations are transitions) follows.
  const onSearch = useCallback(
    (text: string) => {
      startRows(toBackendFilter({...filters, q: text}, today));
      setLiveQ(text);
      setParams((prev) => filtersToParams({...parseFilters(prev), q: text}), {replace: true, flushSync: true});
    },
    [setParams, startRows, filters, today],
  );

  // The first page goes first; the lists the filters offer follow it.
  const firstPageDone = state.count !== undefined || state.error !== undefined;
  const accounts = useAccounts(firstPageDone);
  const categories = useCategories(firstPageDone);
  const [wantTypes, setWantTypes] = useState(false);
  const types = useTransactionTypes(wantTypes || filters.types.length > 0);

  // Every change lands in the URL at once (flushSync, not a deferred
  // transition), so the next change, however quick, starts from it.
  const onFilters = useCallback(
    (change: Partial<TxFilters>) => {
      setParams((prev) => filtersToParams({...parseFilters(prev), ...change}), {flushSync: true});
    },
    [setParams],
  );
  const onSort = useCallback(
    (column: SortField) => {
      setParams(
        (prev) => {
          const f = parseFilters(prev);
          return filtersToParams({...f, ...nextSort(f, column)});
        },
        {flushSync: true},
      );
    },
    [setParams],
  );

  // Selection and the detail panel; a new filter starts afresh.
  const [selected, setSelected] = useState<number>();
  const [open, setOpen] = useState(false);
  const [selectionKey, setSelectionKey] = useState(key);
  if (selectionKey !== key) {
    setSelectionKey(key);
    setSelected(undefined);
    setOpen(false);
  }
  const selectedTx = selected === undefined ? undefined : rows.row(selected);
  // A link from elsewhere (a card execution, say) may name one transaction
  // to show: ?id=<local id>.
  const linkedId = useMemo(() => {
    const v = Number(params.get('id') ?? '');
    return Number.isSafeInteger(v) && v > 0 ? v : undefined;
  }, [params]);
  const showPanel = open || linkedId !== undefined;
  const detailId = open ? selectedTx?.id : linkedId;

  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isSearchShortcut({key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, target: e.target as HTMLElement | null})) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  // Closing the panel gives the focus back to the table once the panel is
  // gone: focusing at once could be undone by the panel's own focus effect
  // still pending from its last render (Esc pressed as the details arrive).
  const refocusGrid = useRef(false);
  const closePanel = useCallback(() => {
    refocusGrid.current = true;
    setOpen(false);
    if (linkedId !== undefined) {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.delete('id');
          return next;
        },
        {replace: true, flushSync: true},
      );
    }
  }, [setParams, linkedId]);
  useEffect(() => {
    if (!showPanel && refocusGrid.current) {
      refocusGrid.current = false;
      gridRef.current?.focus();
    }
  }, [showPanel]);
  useEffect(() => {
    if (!showPanel) {
      return undefined;
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        closePanel();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [showPanel, closePanel]);

  const onWantTypes = useCallback(() => {
    setWantTypes(true);
  }, []);
  const accountList = useMemo(() => accounts.data ?? [], [accounts.data]);
  const accountChoices: Choice[] = useMemo(() => accountList.map((a) => ({value: a.id, label: accountLabel(a)})), [accountList]);
  const labelOf = useCallback(
    (id: string) => {
      const a = accountList.find((x) => x.id === id);
      return a ? `${accountLabel(a)} (${a.productName || a.name})` : id;
    },
    [accountList],
  );
  const categoryNames = useMemo(() => (categories.data ?? []).filter((c) => c.listed).map((c) => c.name), [categories.data]);

  const rowAt = useCallback((i: number) => rows.row(i), [rows]);
  const onRange = useCallback(
    (first: number, last: number) => {
      rows.request(first, last);
    },
    [rows],
  );
  const count = state.count ?? 0;
  // The search the shown totals answer (tests and measurements read it).
  const answeredSearch = useMemo(() => (state.key ? (JSON.parse(state.key) as {search?: string}).search : undefined), [state.key]);
  const nothingCached = state.count === 0 && activeFilterCount(filters) === 0 && filters.q === '' && !state.loading;
  // Without the backend nothing can load: say so at once.
  const failed = !backendAvailable()
    ? new AppError('bridge_unavailable', '')
    : state.error !== undefined && state.count === undefined
      ? AppError.from(state.error)
      : undefined;

  return (
    <div data-testid="view-transactions">
      <PageHeader
        title="Transactions"
        description="Search, filter and categorise every transaction, kept on this computer so it works offline."
      />
      {failed ? (
        <EmptyState
          icon="transactions"
          title="Transactions could not be loaded"
          actions={[
            {to: pathOf('dashboard'), label: 'Go to the Dashboard'},
            {to: pathOf('settings'), label: 'Check the connection'},
          ]}
        >
          <p>
            The transactions on this computer could not be read just now.{' '}
            {failed.code === 'bridge_unavailable' ? 'This page is running without the Investec Desk backend.' : failed.message}
          </p>
        </EmptyState>
      ) : nothingCached ? (
        <EmptyState
          icon="transactions"
          title="No transactions cached yet"
          actions={[
            {to: pathOf('dashboard'), label: 'Go to the Dashboard'},
            {to: pathOf('settings'), label: 'Set up a connection'},
          ]}
        >
          <p>Run a sync from the Dashboard to fetch your transaction history from Investec.</p>
        </EmptyState>
      ) : (
        <>
          <div className="row-actions" style={{marginBottom: 'var(--space-4)'}}>
            <Link to={`${pathOf('transactions')}/categories`} className="button button--secondary button--small" data-testid="link-categories">
              Categories &amp; rules
            </Link>
            <span className="muted">
              Keys: <kbd className="kbd">/</kbd> search, <kbd className="kbd">↑</kbd> <kbd className="kbd">↓</kbd> move, <kbd className="kbd">Enter</kbd> open,{' '}
              <kbd className="kbd">Esc</kbd> close
            </span>
          </div>
          <div className="tx-layout">
            <div className="tx-main">
              <TransactionFilters
                filters={filters}
                onSearch={onSearch}
                searchPauseMs={SEARCH_DEBOUNCE_MS}
                onChange={onFilters}
                accounts={accountChoices}
                types={types.data ?? noTypes}
                onWantTypes={onWantTypes}
                categories={categoryNames}
                today={today}
                searchRef={searchRef}
              />
              <TotalsBar totals={state.totals} loading={state.loading} search={answeredSearch} />
              {state.error ? (
                <p className="notice notice--danger" role="alert" data-testid="tx-error">
                  {AppError.from(state.error).message}{' '}
                  <button
                    type="button"
                    className="button--link"
                    onClick={() => {
                      rows.refresh();
                    }}
                  >
                    Try again
                  </button>
                </p>
              ) : null}
              {state.count === 0 ? (
                <p className="notice notice--info" data-testid="tx-none">
                  No transactions match these filters.
                </p>
              ) : null}
              <TransactionTable
                count={count}
                version={version}
                rowAt={rowAt}
                onRange={onRange}
                sort={filters.sort}
                descending={filters.descending}
                onSort={onSort}
                selected={selected}
                onSelect={setSelected}
                onOpen={(i) => {
                  setSelected(i);
                  setOpen(true);
                }}
                resetKey={key}
                label="Transactions"
                busy={state.loading}
                gridRef={gridRef}
              />
            </div>
            {showPanel ? (
              <DetailPanel
                id={detailId}
                accountLabel={labelOf}
                categories={categoryNames}
                onClose={closePanel}
                onSaved={(tx) => {
                  rows.patch(tx);
                  categories.reload();
                }}
              />
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}

/** DetailPanel loads one transaction's detail and saves its annotation. */
function DetailPanel(props: {
  id?: number;
  accountLabel: (id: string) => string;
  categories: string[];
  onClose: () => void;
  onSaved: (tx: Awaited<ReturnType<typeof annotate>>) => void;
}) {
  const {id, accountLabel: labelOf, categories, onClose, onSaved} = props;
  const load = useCallback(() => (id === undefined ? Promise.resolve(undefined) : transactionDetail(id)), [id]);
  const detail = useLoad(`detail:${String(id)}`, load);
  const [saving, setSaving] = useState(false);
  const [saveErrors, setSaveErrors] = useState<Record<string, string>>({});
  const [savedId, setSavedId] = useState<number>();
  const reload = detail.reload;

  const onSave = (a: Annotation) => {
    if (id === undefined) {
      return;
    }
    setSaving(true);
    setSaveErrors({});
    annotate(id, a).then(
      (tx) => {
        setSaving(false);
        setSavedId(id);
        onSaved(tx);
        reload();
      },
      (e: unknown) => {
        const err = AppError.from(e);
        const fields = err.fieldErrors();
        setSaving(false);
        setSaveErrors(Object.keys(fields).length > 0 ? fields : {'': err.message});
      },
    );
  };

  return (
    <TransactionPanel
      detail={detail.data?.transaction.id === id ? detail.data : undefined}
      loading={detail.loading}
      loadError={detail.error?.message}
      accountLabel={labelOf}
      categories={categories}
      onSave={onSave}
      saving={saving}
      saveErrors={saveErrors}
      saved={savedId === id}
      onClose={onClose}
    />
  );
}

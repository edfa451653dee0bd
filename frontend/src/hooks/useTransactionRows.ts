import {useCallback, useEffect, useMemo, useState, useSyncExternalStore} from 'react';

import {canListen, on} from '../lib/api';
import {transactions} from '../lib/api/review';
import {filterKey} from '../lib/review/filters';
import {PagedRows, type PagedRowsState} from '../lib/review/paging';
import type {TransactionFilter} from '../lib/review/types';

/** TransactionRows is the table's view of the page cache. */
export interface TransactionRows {
  rows: PagedRows;
  /** Identifies the filter (changes exactly when the selection or order does). */
  key: string;
  /** Changes whenever loaded rows change. */
  version: number;
  state: PagedRowsState;
  /**
   * start asks for a filter's first page at once, from an event handler,
   * without waiting for the render that will switch to it (the switch then
   * finds it under way).
   */
  start: (filter: TransactionFilter) => void;
}

/**
 * useTransactionRows pages through the transactions filter selects: the
 * table asks for visible rows, and only their pages are fetched (see
 * PagedRows). When the filter changes the old pages and late answers are
 * dropped. After a sync the visible pages are re-read.
 */
export function useTransactionRows(filter: TransactionFilter): TransactionRows {
  const [rows] = useState(() => new PagedRows());
  const key = filterKey(filter);
  // One filter object per key, however often the caller rebuilds it.
  const stable = useMemo(() => JSON.parse(key) as Omit<TransactionFilter, 'offset' | 'limit'>, [key]);

  useEffect(() => {
    rows.setQuery(key, (offset, limit) => transactions({...stable, offset, limit}));
  }, [rows, key, stable]);

  const start = useCallback(
    (f: TransactionFilter) => {
      rows.setQuery(filterKey(f), (offset, limit) => transactions({...f, offset, limit}));
    },
    [rows],
  );

  useEffect(() => {
    if (!canListen()) {
      return undefined;
    }
    return on('sync:done', () => {
      rows.refresh();
    });
  }, [rows]);

  const version = useSyncExternalStore(rows.subscribe, rows.getVersion);
  return {rows, key, version, state: rows.getState(), start};
}

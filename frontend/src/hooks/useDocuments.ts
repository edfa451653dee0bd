import {useCallback, useEffect, useRef, useState} from 'react';

import {AppError, canListen, on} from '../lib/api';
import {
  cancelDocuments,
  downloadDocument,
  downloadDocuments,
  listDocuments,
  openDocument,
  type DocumentDownloadResult,
  type DocumentEntry,
  type DocumentKey,
  type DocumentList,
  type DocumentQuery,
  type DocumentsProgress,
} from '../lib/api/export';

/** keyOf names a document for maps and test ids. */
export function keyOf(k: DocumentKey): string {
  return `${k.accountId}|${k.documentType}|${k.documentDate}`;
}

/** RowState is what is happening to one document. */
export interface RowState {
  busy?: 'download' | 'open';
  error?: string;
}

/** BulkState is a running or finished "download all". */
export type BulkState =
  | {status: 'idle'}
  | {status: 'running'; progress?: DocumentsProgress; cancelling: boolean}
  | {status: 'done'; result: DocumentDownloadResult}
  | {status: 'error'; error: AppError};

/** UseDocuments is the Statements view's list and actions. */
export interface UseDocuments {
  /** The list for the current query (undefined while it loads). */
  list?: DocumentList;
  error?: AppError;
  loading: boolean;
  refreshing: boolean;
  rows: Readonly<Record<string, RowState>>;
  bulk: BulkState;
  /** refresh asks Investec for the list again. */
  refresh: () => void;
  download: (k: DocumentKey) => void;
  open: (k: DocumentKey) => void;
  downloadAll: () => void;
  cancelAll: () => void;
}

interface Loaded {
  key: string;
  list?: DocumentList;
  error?: AppError;
}

/**
 * useDocuments lists the documents a query selects from the local index
 * (the view's first list also asks Investec, so it is current when the
 * bank can be reached; refresh asks again), and downloads and opens them.
 */
export function useDocuments(query: Omit<DocumentQuery, 'refresh'>): UseDocuments {
  const key = JSON.stringify(query);
  const [loaded, setLoaded] = useState<Loaded>({key: ''});
  const [generation, setGeneration] = useState({key: '', n: 0, force: false});
  const [refreshing, setRefreshing] = useState(false);
  const [rows, setRows] = useState<Record<string, RowState>>({});
  const [bulk, setBulk] = useState<BulkState>({status: 'idle'});
  const live = useRef(true);
  const listedOnce = useRef(false);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  useEffect(() => {
    let current = true;
    // The view's first list, and every "Refresh list", ask Investec first.
    const refresh = (generation.key === key && generation.force) || !listedOnce.current;
    listedOnce.current = true;
    const q = {...(JSON.parse(key) as Omit<DocumentQuery, 'refresh'>), refresh};
    listDocuments(q).then(
      (list) => {
        if (current) {
          setLoaded({key, list});
          setRefreshing(false);
        }
      },
      (e: unknown) => {
        if (current) {
          setLoaded({key, error: AppError.from(e)});
          setRefreshing(false);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const update = useCallback((entry: DocumentEntry) => {
    setLoaded((prev) =>
      prev.list
        ? {...prev, list: {...prev.list, documents: prev.list.documents.map((d) => (keyOf(d) === keyOf(entry) ? entry : d))}}
        : prev,
    );
  }, []);

  const setRow = useCallback((k: DocumentKey, s: RowState) => {
    setRows((prev) => ({...prev, [keyOf(k)]: s}));
  }, []);

  const refresh = useCallback(() => {
    setRefreshing(true);
    setGeneration((g) => ({key, n: g.n + 1, force: true}));
  }, [key]);

  const reloadQuietly = useCallback(() => {
    setGeneration((g) => ({key, n: g.n + 1, force: false}));
  }, [key]);

  const download = useCallback(
    (k: DocumentKey) => {
      setRow(k, {busy: 'download'});
      downloadDocument(k).then(
        (entry) => {
          if (live.current) {
            update(entry);
            setRow(k, {});
          }
        },
        (e: unknown) => {
          if (live.current) {
            setRow(k, {error: AppError.from(e).message});
          }
        },
      );
    },
    [setRow, update],
  );

  const open = useCallback(
    (k: DocumentKey) => {
      setRow(k, {busy: 'open'});
      openDocument(k).then(
        () => {
          if (live.current) {
            setRow(k, {});
            // Opening downloads what was missing.
            reloadQuietly();
          }
        },
        (e: unknown) => {
          if (live.current) {
            setRow(k, {error: AppError.from(e).message});
          }
        },
      );
    },
    [setRow, reloadQuietly],
  );

  const downloadAll = useCallback(() => {
    setBulk({status: 'running', cancelling: false});
    const off = canListen()
      ? on('documents:progress', (p) => {
          if (live.current) {
            setBulk((b) => (b.status === 'running' ? {...b, progress: p} : b));
          }
        })
      : undefined;
    downloadDocuments({...(JSON.parse(key) as Omit<DocumentQuery, 'refresh'>), refresh: false}).then(
      (result) => {
        off?.();
        if (live.current) {
          setBulk({status: 'done', result});
          setLoaded((prev) => (prev.list ? {...prev, list: {...prev.list, documents: result.documents}} : prev));
        }
      },
      (e: unknown) => {
        off?.();
        if (live.current) {
          setBulk({status: 'error', error: AppError.from(e)});
          reloadQuietly();
        }
      },
    );
  }, [key, reloadQuietly]);

  const cancelAll = useCallback(() => {
    setBulk((b) => (b.status === 'running' ? {...b, cancelling: true} : b));
    cancelDocuments().catch(() => undefined);
  }, []);

  const ready = loaded.key === key;
  return {
    list: ready ? loaded.list : undefined,
    error: ready ? loaded.error : undefined,
    loading: !ready,
    refreshing,
    rows,
    bulk,
    refresh,
    download,
    open,
    downloadAll,
    cancelAll,
  };
}

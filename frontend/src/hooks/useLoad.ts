import {useCallback, useEffect, useState} from 'react';

import {AppError, canListen, on} from '../lib/api';

/** Loaded is what useLoad knows about one piece of data. */
export interface Loaded<T> {
  /** The latest data (kept while a reload runs). */
  data?: T;
  /** Why the latest load failed. */
  error?: AppError;
  /** True while the data for the current key is being fetched. */
  loading: boolean;
  /** reload fetches again. */
  reload: () => void;
}

/** LoadOptions tunes useLoad. */
export interface LoadOptions {
  /** Reload when a sync finishes (default true: the data comes from the cache). */
  reloadOnSync?: boolean;
}

/**
 * useLoad runs load() whenever key changes (and on reload), keeping the
 * previous data on screen meanwhile; only the answer for the latest key
 * counts. load must be stable for a given key (useCallback). By default it
 * also reloads when a sync finishes, since everything here reads the cache.
 */
export function useLoad<T>(key: string, load: () => Promise<T>, options: LoadOptions = {}): Loaded<T> {
  const reloadOnSync = options.reloadOnSync ?? true;
  const [generation, setGeneration] = useState(0);
  const want = `${key}#${String(generation)}`;
  const [result, setResult] = useState<{key: string; data?: T; error?: AppError}>({key: ''});

  useEffect(() => {
    let live = true;
    load().then(
      (data) => {
        if (live) {
          setResult({key: want, data});
        }
      },
      (e: unknown) => {
        if (live) {
          setResult((prev) => ({key: want, data: prev.data, error: AppError.from(e)}));
        }
      },
    );
    return () => {
      live = false;
    };
  }, [want, load]);

  const reload = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    if (!reloadOnSync || !canListen()) {
      return undefined;
    }
    return on('sync:done', reload);
  }, [reloadOnSync, reload]);

  return {data: result.data, error: result.key === want ? result.error : undefined, loading: result.key !== want, reload};
}

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
  /** Load nothing until true (default true), e.g. to let something more urgent go first. */
  enabled?: boolean;
}

/**
 * inFlight shares a load already under way for the same key (StrictMode
 * mounts twice in development; two views may want the same list).
 */
const inFlight = new Map<string, Promise<unknown>>();

function shared<T>(key: string, load: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) {
    return running;
  }
  const p = load().finally(() => {
    inFlight.delete(key);
  });
  inFlight.set(key, p);
  return p;
}

/**
 * useLoad runs load() whenever key changes (and on reload), keeping the
 * previous data on screen meanwhile; only the answer for the latest key
 * counts. load must be stable for a given key (useCallback), and the key
 * must name what it loads (loads of the same key under way at once are
 * shared). By default it also reloads when a sync finishes, since
 * everything here reads the cache.
 */
export function useLoad<T>(key: string, load: () => Promise<T>, options: LoadOptions = {}): Loaded<T> {
  const reloadOnSync = options.reloadOnSync ?? true;
  const enabled = options.enabled ?? true;
  const [generation, setGeneration] = useState(0);
  const want = `${key}#${String(generation)}`;
  const [result, setResult] = useState<{key: string; data?: T; error?: AppError}>({key: ''});

  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    let live = true;
    shared(want, load).then(
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
  }, [want, load, enabled]);

  const reload = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    if (!reloadOnSync || !canListen()) {
      return undefined;
    }
    return on('sync:done', reload);
  }, [reloadOnSync, reload]);

  return {data: result.data, error: result.key === want ? result.error : undefined, loading: enabled && result.key !== want, reload};
}

/** Once is what useLoadOnce knows: nothing yet, the data, or why it could not be loaded. */
export type Once<T> = {status: 'loading'} | {status: 'ready'; data: T} | {status: 'error'; error: AppError};

/**
 * useLoadOnce runs load() when the component mounts (or when enabled turns
 * true), and drops an answer that arrives after it unmounted. Unlike
 * useLoad it neither reloads nor shares: it is for what a component reads
 * once (the build's info, the lists a form offers). load must be stable (a
 * module function).
 */
export function useLoadOnce<T>(load: () => Promise<T>, enabled = true): Once<T> {
  const [state, setState] = useState<Once<T>>({status: 'loading'});
  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    let live = true;
    load().then(
      (data) => {
        if (live) {
          setState({status: 'ready', data});
        }
      },
      (e: unknown) => {
        if (live) {
          setState({status: 'error', error: AppError.from(e)});
        }
      },
    );
    return () => {
      live = false;
    };
  }, [load, enabled]);
  return state;
}

/** readyData is a useLoadOnce's data, or undefined until it is there (or when it failed). */
export function readyData<T>(once: Once<T>): T | undefined {
  return once.status === 'ready' ? once.data : undefined;
}

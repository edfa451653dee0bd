/**
 * Paging for the virtualized transaction table. The list can hold a million
 * rows, so it is never loaded whole: the table says which rows are visible,
 * and PagedRows fetches the pages covering them (offset/limit), keeps a
 * bounded cache of pages, limits the requests in flight, asks only for the
 * latest visible range when the person scrolls fast, and discards answers
 * to a filter that is no longer current (typing a search makes several).
 *
 * It knows nothing of React: the table hook subscribes to it
 * (useSyncExternalStore) and reads rows by index.
 */
import type {Transaction, TransactionTotals} from './types';

/** PAGE_SIZE is how many rows one request asks for. */
export const PAGE_SIZE = 100;

/** Page is one answer: the rows from offset, and the totals of the whole filtered set. */
export interface Page {
  rows: Transaction[];
  totals: TransactionTotals;
  offset: number;
}

/** Fetch asks the backend for rows [offset, offset+limit) of the current filter. */
export type Fetch = (offset: number, limit: number) => Promise<Page>;

/** PagedRowsOptions tunes PagedRows; the defaults suit the app. */
export interface PagedRowsOptions {
  pageSize?: number;
  /** Pages kept in memory (the visible ones are never evicted). Default 60. */
  maxPages?: number;
  /** Requests in flight at once. Default 2. */
  maxInFlight?: number;
  /** How long a scrolled range must stay before its pages are fetched, in ms. Default 40. */
  debounceMs?: number;
  /** Timer functions (tests pass fakes). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * pagesFor returns the indexes of the pages that hold rows first..last
 * (inclusive), limited to the rows that exist when count is known.
 */
export function pagesFor(first: number, last: number, pageSize: number = PAGE_SIZE, count?: number): number[] {
  let end = last;
  if (count !== undefined) {
    end = Math.min(end, count - 1);
  }
  const start = Math.max(0, first);
  if (end < start) {
    return [];
  }
  const out: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor(end / pageSize); p++) {
    out.push(p);
  }
  return out;
}

/** PagedRowsState is what the table renders from. */
export interface PagedRowsState {
  /** Rows in the filtered set; undefined until the first answer. */
  count?: number;
  totals?: TransactionTotals;
  /** The latest failure, cleared by the next success. */
  error?: unknown;
  /** True while a request for the current filter is in flight. */
  loading: boolean;
  /** The key of the filter whose answer count and totals are (set with them). */
  key?: string;
}

/** PagedRows is the page cache of one table. */
export class PagedRows {
  private readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxInFlight: number;
  private readonly debounceMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  private key = '';
  private fetch: Fetch | undefined;
  private generation = 0;
  /** Pages of the current generation, in least-recently-used order (Map order). */
  private pages = new Map<number, Transaction[]>();
  /** Pages from before a refresh, shown until their replacement arrives. */
  private stale = new Map<number, Transaction[]>();
  private inFlight = new Set<number>();
  private wanted: number[] = [];
  private timer: unknown;
  private state: PagedRowsState = {loading: false};
  private version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(options: PagedRowsOptions = {}) {
    this.pageSize = options.pageSize ?? PAGE_SIZE;
    this.maxPages = options.maxPages ?? 60;
    this.maxInFlight = options.maxInFlight ?? 2;
    this.debounceMs = options.debounceMs ?? 40;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer =
      options.clearTimer ??
      ((h) => {
        clearTimeout(h as ReturnType<typeof setTimeout>);
      });
  }

  /** subscribe registers a listener for changes; it returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** getVersion changes whenever anything the table shows changes. */
  getVersion = (): number => this.version;

  /** getState returns counts, totals, loading and error. */
  getState(): PagedRowsState {
    return this.state;
  }

  /** row returns the row at index if it is loaded. */
  row(index: number): Transaction | undefined {
    const p = Math.floor(index / this.pageSize);
    const page = this.pages.get(p) ?? this.stale.get(p);
    return page?.[index - p * this.pageSize];
  }

  /** pageCount says how many pages are held (for tests and diagnostics). */
  cachedPages(): number[] {
    return [...this.pages.keys()];
  }

  /**
   * setQuery switches to another filter (key identifies it). Cached pages
   * and answers still in flight for the old one are dropped, and the first
   * page of the new one is asked for at once. The same key again does
   * nothing.
   */
  setQuery(key: string, fetch: Fetch): void {
    if (key === this.key && this.fetch) {
      this.fetch = fetch;
      return;
    }
    this.key = key;
    this.fetch = fetch;
    this.generation++;
    this.pages = new Map();
    this.stale = new Map();
    this.inFlight = new Set();
    this.wanted = [0];
    this.cancelTimer();
    this.state = {loading: true};
    this.pump();
    this.changed();
  }

  /**
   * refresh re-reads the visible pages of the current filter (after a sync
   * or an edit) while still showing the old rows until the new ones arrive.
   */
  refresh(): void {
    if (!this.fetch) {
      return;
    }
    this.generation++;
    for (const [p, rows] of this.pages) {
      this.stale.set(p, rows);
    }
    this.pages = new Map();
    this.inFlight = new Set();
    this.state = {...this.state, loading: true};
    this.pump();
    this.changed();
  }

  /**
   * request says rows first..last are visible. Their missing pages are
   * fetched once the range has stayed put for debounceMs (at once when
   * nothing is loaded yet). Only the latest range counts.
   */
  request(first: number, last: number): void {
    this.wanted = pagesFor(first, last, this.pageSize, this.state.count);
    for (const p of this.wanted) {
      // Touch: visible pages are the most recently used.
      const rows = this.pages.get(p);
      if (rows) {
        this.pages.delete(p);
        this.pages.set(p, rows);
      }
    }
    if (this.wanted.every((p) => this.pages.has(p) || this.inFlight.has(p))) {
      return;
    }
    this.cancelTimer();
    if (this.pages.size === 0 && this.inFlight.size === 0) {
      this.pump();
      return;
    }
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      this.pump();
    }, this.debounceMs);
  }

  /** patch replaces a loaded row (matched by id) after an edit, without a refetch. */
  patch(row: Transaction): void {
    let hit = false;
    for (const cache of [this.pages, this.stale]) {
      for (const rows of cache.values()) {
        const i = rows.findIndex((r) => r.id === row.id);
        if (i >= 0) {
          rows[i] = row;
          hit = true;
        }
      }
    }
    if (hit) {
      this.changed();
    }
  }

  /** dispose stops timers; answers still in flight are ignored. */
  dispose(): void {
    this.cancelTimer();
    this.generation++;
    this.listeners.clear();
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.clearTimer(this.timer);
      this.timer = undefined;
    }
  }

  /** pump starts requests for wanted pages that are neither cached nor in flight. */
  private pump(): void {
    const fetch = this.fetch;
    if (!fetch) {
      return;
    }
    for (const p of this.wanted) {
      if (this.inFlight.size >= this.maxInFlight) {
        break;
      }
      if (this.pages.has(p) || this.inFlight.has(p)) {
        continue;
      }
      this.load(fetch, p);
    }
  }

  private load(fetch: Fetch, p: number): void {
    const generation = this.generation;
    const inFlight = this.inFlight;
    inFlight.add(p);
    fetch(p * this.pageSize, this.pageSize).then(
      (page) => {
        if (generation !== this.generation) {
          return; // an answer for a filter that is no longer shown
        }
        inFlight.delete(p);
        this.pages.set(p, page.rows);
        this.stale.delete(p);
        if (this.state.count !== undefined && this.state.count !== page.totals.count) {
          // The data changed underneath (a sync): older pages are suspect.
          for (const q of [...this.pages.keys()]) {
            if (q !== p && !inFlight.has(q)) {
              this.pages.delete(q);
            }
          }
          this.stale = new Map();
        }
        this.state = {count: page.totals.count, totals: page.totals, loading: inFlight.size > 0, key: this.key};
        this.evict();
        this.wanted = this.wanted.filter((w) => w * this.pageSize < page.totals.count);
        this.pump();
        this.changed();
      },
      (e: unknown) => {
        if (generation !== this.generation) {
          return;
        }
        inFlight.delete(p);
        this.state = {...this.state, error: e, loading: inFlight.size > 0};
        this.changed();
      },
    );
  }

  /** evict drops the least recently used pages beyond maxPages, never a wanted one. */
  private evict(): void {
    for (const p of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) {
        break;
      }
      if (!this.wanted.includes(p)) {
        this.pages.delete(p);
      }
    }
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) {
      l();
    }
  }
}

import {vi} from 'vitest';

/**
 * A stand-in for the bridge Wails injects into the page (window.go and
 * window.runtime), for unit tests in jsdom where the Go process cannot run.
 * The browser e2e suite exercises the real bridge against wails dev.
 *
 * It follows what Wails v2.16.0 does: a failed call rejects with
 * `new Error(<formatter result>)`, and events call every listener with the
 * emitted data as arguments.
 */
export interface FakeWails {
  /** The bound methods' calls, in order. */
  calls: {method: string; args: unknown[]}[];
  /** emit sends an event to the page's listeners, as runtime.EventsEmit does. */
  emit(name: string, ...data: unknown[]): void;
  /** listenerCount says how many listeners an event has. */
  listenerCount(name: string): number;
}

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * installFakeWails puts a fake window.go.main.App with the given methods and
 * a fake window.runtime on the page until the test ends (vitest's
 * unstubGlobals removes them).
 */
export function installFakeWails(methods: Record<string, Method>): FakeWails {
  const calls: FakeWails['calls'] = [];
  const app: Record<string, Method> = {};
  for (const [name, fn] of Object.entries(methods)) {
    app[name] = (...args: unknown[]) => {
      calls.push({method: name, args});
      return fn(...args);
    };
  }
  const listeners = new Map<string, Set<(...data: unknown[]) => void>>();
  vi.stubGlobal('go', {main: {App: app}});
  vi.stubGlobal('runtime', {
    EventsOnMultiple(name: string, cb: (...data: unknown[]) => void) {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      set.add(cb);
      return () => set.delete(cb);
    },
    EventsOff(name: string) {
      listeners.delete(name);
    },
  });
  return {
    calls,
    emit(name, ...data) {
      for (const cb of listeners.get(name) ?? []) {
        cb(...data);
      }
    },
    listenerCount(name) {
      return listeners.get(name)?.size ?? 0;
    },
  };
}

/**
 * rejectLikeWails rejects the way a bound Go method that returned an error
 * does in Wails v2.16.0: ErrorFormatter's value, wrapped in new Error(...).
 */
export function rejectLikeWails(formatted: unknown): Promise<never> {
  return Promise.reject(new Error(formatted as string));
}

/** stubColorScheme makes matchMedia('(prefers-color-scheme: dark)') answer dark or not. */
export function stubColorScheme(dark: boolean): void {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: dark && query.includes('dark'),
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }));
}

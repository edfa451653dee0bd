import {act, renderHook, waitFor} from '@testing-library/react';
import {describe, expect, it} from 'vitest';

import {AppError} from '../lib/api';
import {readyData, useLoadOnce} from './useLoad';

// deferred is a promise the test settles by hand, and a count of the loads that asked for it.
function deferred<T>() {
  let resolve: (v: T) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const calls = {count: 0};
  const load = () => {
    calls.count++;
    return promise;
  };
  return {load, resolve, reject, calls};
}

describe('useLoadOnce', () => {
  it('is loading, then holds the data; a re-render does not load again', async () => {
    const d = deferred<string[]>();
    const {result, rerender} = renderHook(() => useLoadOnce(d.load));
    expect(result.current).toEqual({status: 'loading'});
    expect(readyData(result.current)).toBeUndefined();

    await act(async () => {
      d.resolve(['a', 'b']);
      await Promise.resolve();
    });
    expect(result.current).toEqual({status: 'ready', data: ['a', 'b']});
    expect(readyData(result.current)).toEqual(['a', 'b']);
    rerender();
    expect(d.calls.count).toBe(1);
  });

  it('says why the load failed, as an AppError', async () => {
    const d = deferred<number>();
    const {result} = renderHook(() => useLoadOnce(d.load));
    d.reject(new AppError('offline', 'Investec cannot be reached'));
    await waitFor(() => {
      expect(result.current.status).toBe('error');
    });
    const state = result.current;
    expect(state.status === 'error' ? [state.error.code, state.error.message] : []).toEqual(['offline', 'Investec cannot be reached']);
    expect(readyData(state)).toBeUndefined();
  });

  it('loads nothing until enabled', async () => {
    const d = deferred<string>();
    const {result, rerender} = renderHook(({enabled}) => useLoadOnce(d.load, enabled), {initialProps: {enabled: false}});
    expect(d.calls.count).toBe(0);
    rerender({enabled: true});
    expect(d.calls.count).toBe(1);
    d.resolve('/home/me/.investec-desk');
    await waitFor(() => {
      expect(readyData(result.current)).toBe('/home/me/.investec-desk');
    });
  });

  it('drops an answer that arrives after its effect was cleaned up', async () => {
    const d = deferred<string>();
    const {result, rerender} = renderHook(({enabled}) => useLoadOnce(d.load, enabled), {initialProps: {enabled: true}});
    rerender({enabled: false});
    await act(async () => {
      d.resolve('late');
      await Promise.resolve();
    });
    expect(result.current).toEqual({status: 'loading'});
  });
});

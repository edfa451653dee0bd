import {describe, expect, it} from 'vitest';

import {installFakeWails, rejectLikeWails} from '../../test/fakeWails';
import {appInfo, asNetState, shellReady, status} from './app';
import {call} from './call';
import {AppError} from './errors';
import {canListen, Events, on} from './events';

const info = {name: 'Investec Desk', version: '0.1.0', revision: 'abc123', modified: false, goVersion: 'go1.26', platform: 'linux/amd64'};

describe('call', () => {
  it('fails clearly without the backend', async () => {
    const err = await call(() => Promise.resolve(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('bridge_unavailable');
    expect((err as AppError).message).toMatch(/not running inside the app/);
  });

  it('does not run the call without the backend', async () => {
    let ran = false;
    await call(() => {
      ran = true;
      return Promise.resolve();
    }).catch(() => undefined);
    expect(ran).toBe(false);
  });

  it('returns the result of a bound method', async () => {
    const wails = installFakeWails({AppInfo: () => Promise.resolve(info)});
    await expect(appInfo()).resolves.toEqual(info);
    expect(wails.calls).toEqual([{method: 'AppInfo', args: []}]);
  });

  it('turns the backend error payload into an AppError with its fields', async () => {
    installFakeWails({
      ShellReady: () =>
        rejectLikeWails(JSON.stringify({code: 'invalid', message: 'Bad report.', fields: [{field: 'theme', message: 'Unknown theme.'}]})),
    });
    const err = await shellReady({title: 'Investec Desk', views: [], theme: 'light'}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid');
    expect((err as AppError).fieldErrors()).toEqual({theme: 'Unknown theme.'});
  });

  it('turns a synchronous throw into an AppError', async () => {
    installFakeWails({});
    const err = await call(() => {
      throw new TypeError('boom');
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('internal');
  });

  it('sends the shell report as the generated model', async () => {
    const wails = installFakeWails({ShellReady: () => Promise.resolve()});
    await shellReady({title: 'Investec Desk', views: ['dashboard', 'settings'], theme: 'dark'});
    expect(wails.calls).toHaveLength(1);
    expect(wails.calls[0]?.args).toEqual([{title: 'Investec Desk', views: ['dashboard', 'settings'], theme: 'dark'}]);
  });
});

describe('status', () => {
  it('returns the status with a known network state', async () => {
    installFakeWails({
      Status: () => Promise.resolve({connection: {id: 'demo', name: 'Demo'}, net: 'offline', netMessage: 'No network.', lastSyncedAt: '', syncing: false}),
    });
    await expect(status()).resolves.toMatchObject({connection: {name: 'Demo'}, net: 'offline', netMessage: 'No network.'});
  });

  it('reads an unexpected network state as unknown', () => {
    expect(asNetState('online')).toBe('online');
    expect(asNetState('offline')).toBe('offline');
    expect(asNetState('unknown')).toBe('unknown');
    expect(asNetState('flaky')).toBe('unknown');
    expect(asNetState(undefined)).toBe('unknown');
    expect(asNetState(true)).toBe('unknown');
  });
});

describe('on', () => {
  it('fails clearly without the backend', () => {
    expect(canListen()).toBe(false);
    expect(() => on(Events.SyncDone, () => undefined)).toThrow(AppError);
  });

  it('delivers typed payloads until unsubscribed', () => {
    const wails = installFakeWails({});
    expect(canListen()).toBe(true);
    const got: number[] = [];
    const off = on('sync:progress', (p) => got.push(p.fetched));
    wails.emit('sync:progress', {runId: 1, phase: 'transactions', fetched: 10});
    wails.emit('sync:progress', {runId: 1, phase: 'transactions', fetched: 25});
    wails.emit('sync:done', {id: 1});
    off();
    wails.emit('sync:progress', {runId: 1, phase: 'finished', fetched: 30});
    expect(got).toEqual([10, 25]);
    expect(wails.listenerCount('sync:progress')).toBe(0);
  });
});

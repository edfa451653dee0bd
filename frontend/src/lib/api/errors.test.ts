import {describe, expect, it} from 'vitest';

import {AppError, Codes, isAppError} from './errors';

describe('AppError.from', () => {
  const payload = {
    code: 'invalid',
    message: 'Check the highlighted fields.',
    fields: [
      {field: 'amount', message: 'Enter an amount.'},
      {field: 'reference', message: 'Too long.'},
      {field: 'amount', message: 'A second problem with the amount.'},
    ],
  };

  it('reads the payload as an object', () => {
    const e = AppError.from(payload);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('Check the highlighted fields.');
    expect(e.fields).toHaveLength(3);
    expect(e.fieldErrors()).toEqual({amount: 'Enter an amount.', reference: 'Too long.'});
  });

  it('reads the payload as a JSON string', () => {
    const e = AppError.from(JSON.stringify(payload));
    expect(e.code).toBe('invalid');
    expect(e.fieldErrors()).toEqual({amount: 'Enter an amount.', reference: 'Too long.'});
  });

  it('reads the payload from an Error whose message is the JSON (Wails v2.16.0)', () => {
    const e = AppError.from(new Error(JSON.stringify({code: 'conflict', message: 'A sync is already running.'})));
    expect(e.code).toBe('conflict');
    expect(e.message).toBe('A sync is already running.');
    expect(e.fields).toEqual([]);
  });

  it('maps every backend code through', () => {
    for (const code of Object.values(Codes)) {
      expect(AppError.from({code, message: 'm'}).code).toBe(code);
    }
  });

  it('treats an unknown code as internal but keeps the safe message', () => {
    const e = AppError.from({code: 'teapot', message: 'Short and stout.'});
    expect(e.code).toBe('internal');
    expect(e.message).toBe('Short and stout.');
  });

  it('skips malformed field problems', () => {
    const e = AppError.from({code: 'invalid', message: 'm', fields: [{field: 'a', message: 'ok'}, {field: 1}, null, 'x', {message: 'no field'}]});
    expect(e.fields).toEqual([{field: 'a', message: 'ok'}]);
  });

  it.each([
    [new Error('Call to main.App.AppInfo timed out. Request ID: 7'), 'Call to main.App.AppInfo timed out. Request ID: 7'],
    [new TypeError("Cannot read properties of undefined (reading 'main')"), "Cannot read properties of undefined (reading 'main')"],
    ['method main.App.Nope not registered', 'method main.App.Nope not registered'],
    [new Error('[object Object]'), '[object Object]'],
    [new Error('{not json'), '{not json'],
    [42, 'Something went wrong.'],
    [undefined, 'Something went wrong.'],
    ['', 'Something went wrong.'],
  ])('turns %s into an internal error', (input, message) => {
    const e = AppError.from(input);
    expect(e.code).toBe('internal');
    expect(e.message).toBe(message);
  });

  it('returns an AppError unchanged', () => {
    const e = new AppError('offline', 'No network.');
    expect(AppError.from(e)).toBe(e);
  });
});

describe('isAppError', () => {
  it('checks the type and, optionally, the code', () => {
    const e = new AppError('offline', 'No network.');
    expect(isAppError(e)).toBe(true);
    expect(isAppError(e, 'offline')).toBe(true);
    expect(isAppError(e, 'internal')).toBe(false);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(isAppError({code: 'offline', message: 'x'})).toBe(false);
  });
});

import {describe, expect, it} from 'vitest';

import {
  asSyncInterval,
  countLabel,
  credentialsLabel,
  emptyConnectForm,
  formatBytes,
  kindLabel,
  localProblems,
  permissionEffect,
  problemTitle,
  toNewConnection,
  toProblem,
  usesKeyring,
  withoutCredentials,
} from './connections';

describe('connections helpers', () => {
  it('names kinds, personal or business', () => {
    expect(kindLabel({kind: 'demo', business: false})).toBe('Demo · built in');
    expect(kindLabel({kind: 'investec_sandbox', business: true})).toBe('Investec sandbox · business');
    expect(kindLabel({kind: 'investec', business: false})).toBe('Investec · personal');
    expect(kindLabel({kind: 'custom', business: false})).toBe('Custom · personal');
    expect(kindLabel({kind: 'env', business: false})).toBe('Custom · personal');
  });

  it('says where credentials are, never what they are', () => {
    expect(usesKeyring({kind: 'investec'})).toBe(true);
    expect(usesKeyring({kind: 'custom'})).toBe(true);
    expect(usesKeyring({kind: 'demo'})).toBe(false);
    expect(usesKeyring({kind: 'investec_sandbox'})).toBe(false);
    expect(credentialsLabel({kind: 'investec', hasCredentials: true})).toBe('Stored in the system keyring');
    expect(credentialsLabel({kind: 'custom', hasCredentials: false})).toMatch(/^Not set/);
    expect(credentialsLabel({kind: 'demo', hasCredentials: true})).toBe('None needed');
    expect(credentialsLabel({kind: 'investec_sandbox', hasCredentials: true})).toBe('Investec’s published test credentials');
  });

  it('says what a missing permission means', () => {
    expect(permissionEffect('Beneficiary payments')).toBe('Without ‘Beneficiary payments’ you cannot pay beneficiaries.');
    expect(permissionEffect('Something new')).toBe('Without ‘Something new’ some parts of the app will not work.');
  });

  it('turns the form into a new connection: investec unless custom, base URL only when custom', () => {
    const v = {...emptyConnectForm(), name: '  Mine ', clientId: 'id', clientSecret: 's', apiKey: 'k', baseUrl: 'http://x'};
    expect(toNewConnection(v)).toEqual({
      name: 'Mine',
      kind: 'investec',
      baseUrl: '',
      business: false,
      credentials: {clientId: 'id', clientSecret: 's', apiKey: 'k'},
    });
    expect(toNewConnection({...v, custom: true, business: true})).toMatchObject({kind: 'custom', baseUrl: 'http://x', business: true});
    expect(withoutCredentials(v)).toEqual({...v, clientId: '', clientSecret: '', apiKey: ''});
    expect(emptyConnectForm().name).toBe('My Investec');
  });

  it('checks only the name locally', () => {
    expect(localProblems(emptyConnectForm())).toEqual({});
    expect(localProblems({...emptyConnectForm(), name: '  '})).toEqual({name: 'Give the connection a name.'});
  });

  it('reduces errors to problems, the first per field', () => {
    expect(
      toProblem({
        code: 'invalid',
        message: 'm',
        fields: [
          {field: 'apiKey', message: 'first'},
          {field: 'apiKey', message: 'second'},
        ],
      }),
    ).toEqual({code: 'invalid', message: 'm', fields: {apiKey: 'first'}});
    expect(toProblem({code: 'offline', message: 'x'})).toEqual({code: 'offline', message: 'x', fields: {}});
    expect(problemTitle('keyring')).toBe('The system keyring is not available');
    expect(problemTitle('unauthorized')).toBe('Investec refused the credentials');
  });

  it('formats sizes and counts', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(3_500_000)).toBe('3,3 MB');
    expect(countLabel(1, 'transaction', 'transactions')).toBe('1 transaction');
    expect(countLabel(2612, 'transaction', 'transactions')).toMatch(/^2\s612 transactions$/);
    expect(asSyncInterval('15m')).toBe('15m');
    expect(asSyncInterval('weekly')).toBe('1h');
  });
});

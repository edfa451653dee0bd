import {useCallback, useRef, useState} from 'react';

import {AppError} from '../lib/api';
import {connect, testCredentials, type ConnectionTest} from '../lib/api/connections';
import {
  emptyConnectForm,
  localProblems,
  toNewConnection,
  toProblem,
  withoutCredentials,
  type ConnectField,
  type ConnectFormValues,
  type Problem,
} from '../lib/connections';
import type {Connection} from '../lib/types';

const formFields: ReadonlySet<string> = new Set<ConnectField>(['name', 'clientId', 'clientSecret', 'apiKey', 'baseUrl']);

/** ConnectFormState is what the connection form shows. */
export interface ConnectFormState {
  values: ConnectFormValues;
  errors: Partial<Record<ConnectField, string>>;
  problem?: Problem | undefined;
  test?: ConnectionTest | undefined;
  busy: 'test' | 'save' | undefined;
  /** The credentials were cleared after the last Save and connect. */
  cleared: boolean;
}

/** UseConnectForm is the form's state and its actions. */
export interface UseConnectForm extends ConnectFormState {
  setValues: (v: ConnectFormValues) => void;
  /** Test connection: tries the credentials without storing them. */
  runTest: () => void;
  /** Save and connect: tests, stores in the keyring and switches; the credentials are cleared afterwards. */
  save: () => void;
  reset: () => void;
}

/**
 * useConnectForm runs the connection form: Test connection tries the typed
 * credentials without storing them; Save and connect tests them again and,
 * when Investec accepts them, stores them in the system keyring and switches
 * to the new connection, then calls onConnected (a missing name is said at
 * once, without sending anything). Every backend field
 * problem goes beside its field; a refusal, an unreachable bank or a
 * missing keyring is a form-level problem. After Save and connect the
 * client ID, secret and API key are removed from the form's state, whatever
 * the outcome; they are never written anywhere else.
 */
export function useConnectForm(onConnected: (c: Connection) => void, initialName = 'My Investec'): UseConnectForm {
  const [state, setState] = useState<ConnectFormState>(() => ({values: emptyConnectForm(initialName), errors: {}, busy: undefined, cleared: false}));
  const values = state.values;
  // Guards against a second click before the first call's state arrives.
  const busy = useRef(false);

  const setValues = useCallback((next: ConnectFormValues) => {
    setState((s) => ({...s, values: next, cleared: s.cleared && next.clientId === '' && next.clientSecret === '' && next.apiKey === ''}));
  }, []);

  const fail = useCallback((e: unknown, clear: boolean) => {
    const p = toProblem(AppError.from(e));
    const errors: Partial<Record<ConnectField, string>> = {};
    for (const [f, m] of Object.entries(p.fields)) {
      if (formFields.has(f) && m !== undefined) {
        errors[f as ConnectField] = m;
      }
    }
    // Invalid input is said beside each field; anything else (or a field the
    // form does not have) is said for the whole form.
    const fieldOnly = p.code === 'invalid' && Object.keys(p.fields).every((f) => formFields.has(f)) && Object.keys(errors).length > 0;
    setState((s) => ({
      ...s,
      values: clear ? withoutCredentials(s.values) : s.values,
      cleared: clear,
      errors,
      problem: fieldOnly ? undefined : p,
      busy: undefined,
    }));
  }, []);

  const runTest = useCallback(() => {
    if (busy.current) {
      return;
    }
    busy.current = true;
    setState((s) => ({...s, busy: 'test', problem: undefined, test: undefined, errors: {}}));
    testCredentials(toNewConnection(values)).then(
      (result) => {
        busy.current = false;
        setState((s) => ({...s, busy: undefined, test: result}));
      },
      (e: unknown) => {
        busy.current = false;
        fail(e, false);
      },
    );
  }, [fail, values]);

  const save = useCallback(() => {
    if (busy.current) {
      return;
    }
    const local = localProblems(values);
    if (Object.keys(local).length > 0) {
      // Fix the name first: nothing is sent, nothing is cleared.
      setState((s) => ({...s, errors: local, problem: undefined}));
      return;
    }
    busy.current = true;
    setState((s) => ({...s, busy: 'save', problem: undefined, errors: {}}));
    connect(toNewConnection(values)).then(
      (r) => {
        busy.current = false;
        const connection = r.connection;
        setState((s) => ({
          ...s,
          values: withoutCredentials(s.values),
          cleared: connection === undefined,
          busy: undefined,
          errors: {},
          test: r.test,
          problem: undefined,
        }));
        if (connection) {
          onConnected(connection);
        }
      },
      (e: unknown) => {
        busy.current = false;
        fail(e, true);
      },
    );
  }, [fail, onConnected, values]);

  const reset = useCallback(() => {
    setState({values: emptyConnectForm(initialName), errors: {}, busy: undefined, cleared: false});
  }, [initialName]);

  return {...state, setValues, runTest, save, reset};
}

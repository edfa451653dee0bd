import {useState, type ReactNode, type SubmitEvent} from 'react';

import {formatRelative} from '../../lib/format';
import {credentialFields, credentialsLabel, kindLabel, usesKeyring, type Credentials, type Problem} from '../../lib/connections';
import type {Connection} from '../../lib/types';
import {Field} from '../Field';
import {ProblemNotice} from './ProblemNotice';
import {SecretInput} from './SecretInput';
import {TestResult, type TestResultView} from './TestResult';

/** RetestOutcome is what re-testing a connection gave: a result, or a problem calling. */
export interface RetestOutcome {
  test?: TestResultView;
  problem?: Problem;
}

/** ConnectionItemProps are the props of ConnectionItem. */
export interface ConnectionItemProps {
  connection: Connection;
  now: Date;
  onSwitch: () => Promise<Problem | undefined>;
  onRename: (name: string) => Promise<Problem | undefined>;
  /** Replaces only the typed parts of the credentials. */
  onReplaceCredentials: (c: Credentials) => Promise<Problem | undefined>;
  onRetest: () => Promise<RetestOutcome>;
  onRemove: () => void;
}

type Panel = 'none' | 'rename' | 'credentials';
type Busy = 'switch' | 'rename' | 'credentials' | 'test' | undefined;

const noCredentials: Credentials = {clientId: '', clientSecret: '', apiKey: ''};

/** sentence starts a backend message with a capital letter. */
function sentence(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * ConnectionItem shows one connection: its kind, base URL, whether its
 * credentials are set (never their values), the permissions its last test
 * found; and its actions: switch to it, rename it, replace its credentials
 * (only what is typed; the fields start empty), re-test it, remove it.
 * Typed credentials are cleared from the form once they are sent.
 */
export function ConnectionItem({connection: c, now, onSwitch, onRename, onReplaceCredentials, onRetest, onRemove}: ConnectionItemProps) {
  const [panel, setPanel] = useState<Panel>('none');
  const [name, setName] = useState(c.name);
  const [creds, setCreds] = useState<Credentials>(noCredentials);
  const [busy, setBusy] = useState<Busy>();
  const [problem, setProblem] = useState<Problem>();
  const [test, setTest] = useState<TestResultView>();
  const [note, setNote] = useState('');
  const id = (f: string) => `conn-${c.id}-${f}`;
  const keyring = usesKeyring(c);
  const fieldErrors = problem?.code === 'invalid' ? problem.fields : {};
  const formProblem = problem && (problem.code !== 'invalid' || Object.keys(problem.fields).length === 0) ? problem : undefined;

  const open = (p: Panel) => {
    setPanel((cur) => (cur === p ? 'none' : p));
    setProblem(undefined);
    setNote('');
    setName(c.name);
    setCreds(noCredentials);
  };
  const close = () => {
    open('none');
  };

  const run = async (b: Busy, fn: () => Promise<void>) => {
    setBusy(b);
    setProblem(undefined);
    setNote('');
    try {
      await fn();
    } finally {
      setBusy(undefined);
    }
  };

  const retest = () =>
    run('test', async () => {
      setTest(undefined);
      const r = await onRetest();
      setTest(r.test);
      setProblem(r.problem);
    });

  const rename = (e: SubmitEvent) => {
    e.preventDefault();
    void run('rename', async () => {
      const p = await onRename(name);
      setProblem(p);
      if (!p) {
        setPanel('none');
        setNote('Renamed.');
      }
    });
  };

  const replace = (e: SubmitEvent) => {
    e.preventDefault();
    const typed = creds;
    setCreds(noCredentials); // sent once, then gone from the form
    void run('credentials', async () => {
      const p = await onReplaceCredentials(typed);
      setProblem(p);
      if (p) {
        return;
      }
      setPanel('none');
      setNote('Credentials replaced in the system keyring. Testing them…');
      setTest(undefined);
      setBusy('test');
      const r = await onRetest();
      setTest(r.test);
      setProblem(r.problem);
      setNote('Credentials replaced in the system keyring.');
    });
  };

  const disabled = busy !== undefined;
  return (
    <li className={`box cn-item${c.active ? ' cn-item--active' : ''}`} data-testid={`connection-${c.id}`} aria-labelledby={id('name')}>
      <div className="cn-item__head">
        <h3 className="cn-item__name" id={id('name')}>
          {c.name}
        </h3>
        {c.active ? (
          <span className="badge badge--success cn-badge" data-testid="connection-active">
            In use
          </span>
        ) : null}
      </div>
      <dl className="details cn-item__details">
        <dt>Kind</dt>
        <dd data-testid="connection-kind">{kindLabel(c)}</dd>
        <dt>Base URL</dt>
        <dd className="cn-mono">{c.baseUrl === 'built-in' ? 'Built in (runs inside the app)' : c.baseUrl}</dd>
        <dt>Credentials</dt>
        <dd data-testid="connection-credentials">
          {c.keyringProblem ? (
            // The keyring could not be asked: say why and what to do, not “Not set”.
            <span data-testid="connection-keyring-problem">{sentence(c.keyringProblem)}</span>
          ) : (
            credentialsLabel(c)
          )}
        </dd>
        <dt>Permissions</dt>
        <dd data-testid="connection-permissions">
          {c.permissions.length > 0 ? c.permissions.join(', ') : <span className="muted">Not tested yet</span>}
        </dd>
        <dt>Last tested</dt>
        <dd>{c.lastTestedAt ? formatRelative(c.lastTestedAt, now) : <span className="muted">Never</span>}</dd>
      </dl>

      <div className="row">
        {c.active ? null : (
          <button
            type="button"
            className="button button--primary button--small"
            disabled={disabled}
            data-testid="connection-switch"
            onClick={() => {
              void run('switch', async () => {
                setProblem(await onSwitch());
              });
            }}
          >
            {busy === 'switch' ? 'Switching…' : 'Switch to'}
          </button>
        )}
        <button
          type="button"
          className="button button--secondary button--small"
          aria-expanded={panel === 'rename'}
          aria-controls={id('rename')}
          disabled={disabled}
          data-testid="connection-rename"
          onClick={() => {
            open('rename');
          }}
        >
          Rename
        </button>
        {keyring ? (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={panel === 'credentials'}
            aria-controls={id('credentials')}
            disabled={disabled}
            data-testid="connection-edit-credentials"
            onClick={() => {
              open('credentials');
            }}
          >
            Edit credentials
          </button>
        ) : null}
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={disabled}
          data-testid="connection-retest"
          onClick={() => {
            void retest();
          }}
        >
          {busy === 'test' ? 'Testing…' : 'Re-test'}
        </button>
        {c.kind === 'demo' ? null : (
          <button type="button" className="button cn-button--quiet-danger button--small" disabled={disabled} onClick={onRemove} data-testid="connection-remove">
            Remove
          </button>
        )}
      </div>

      {panel === 'rename' ? (
        <PanelForm name="rename" id={id('rename')} saveLabel="Save name" saving={busy === 'rename'} disabled={disabled} onSubmit={rename} onCancel={close}>
          <Field id={id('newname')} label="New name" error={fieldErrors.name}>
            {(control) => (
              <input
                {...control}
                className="input field__input cn-input"
                type="text"
                value={name}
                maxLength={60}
                autoComplete="off"
                disabled={disabled}
                data-testid="rename-input"
                onChange={(e) => {
                  setName(e.target.value);
                }}
              />
            )}
          </Field>
        </PanelForm>
      ) : null}

      {panel === 'credentials' ? (
        <PanelForm
          name="credentials"
          id={id('credentials')}
          saveLabel="Save credentials"
          saving={busy === 'credentials'}
          disabled={disabled}
          onSubmit={replace}
          onCancel={close}
          autoComplete="off"
        >
          <p className="muted">
            Type only what changed in Investec Online; an empty field keeps what the keyring holds. The values are
            never shown.
          </p>
          <div className="grid cn-grid">
            {credentialFields.map(({field, label}) => (
              <SecretInput
                key={field}
                id={id(field)}
                label={label}
                value={creds[field]}
                placeholder={c.hasCredentials ? 'set ••••' : 'not set'}
                error={fieldErrors[field]}
                disabled={disabled}
                onChange={(v) => {
                  setCreds((x) => ({...x, [field]: v}));
                }}
              />
            ))}
          </div>
        </PanelForm>
      ) : null}

      <p className="hint cn-item__note" aria-live="polite" data-testid="connection-note">
        {note}
      </p>
      {formProblem ? <ProblemNotice problem={formProblem} testId="connection-problem" /> : null}
      {test ? <TestResult result={test} testId="connection-test-result" /> : null}
    </li>
  );
}

interface PanelFormProps {
  /** Names the form and its Save button in test ids: "<name>-form", "<name>-save". */
  name: 'rename' | 'credentials';
  id: string;
  saveLabel: string;
  saving: boolean;
  disabled: boolean;
  onSubmit: (e: SubmitEvent) => void;
  onCancel: () => void;
  autoComplete?: 'off';
  children: ReactNode;
}

/** PanelForm is one of a connection's inline forms (rename, credentials): its fields, then Save and Cancel. */
function PanelForm({name, id, saveLabel, saving, disabled, onSubmit, onCancel, autoComplete, children}: PanelFormProps) {
  return (
    <form className="cn-inline-form" id={id} onSubmit={onSubmit} noValidate autoComplete={autoComplete} data-testid={`${name}-form`}>
      {children}
      <div className="row">
        <button type="submit" className="button button--primary button--small" disabled={disabled} data-testid={`${name}-save`}>
          {saving ? 'Saving…' : saveLabel}
        </button>
        <button type="button" className="button button--secondary button--small" disabled={disabled} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import type {ReactNode, SubmitEvent} from 'react';

import type {UseConnectForm} from '../../hooks/useConnectForm';
import {credentialFields, type ConnectFormValues} from '../../lib/connections';
import {Field} from '../Field';
import {ProblemNotice} from './ProblemNotice';
import {SecretInput} from './SecretInput';
import {TestResult} from './TestResult';

/** ConnectFormProps are the props of ConnectForm. */
export interface ConnectFormProps {
  /** Prefixes the inputs' ids, so two forms can share a page. */
  idPrefix: string;
  /** The values, problems and actions from useConnectForm. */
  form: UseConnectForm;
  /** Offer "custom base URL" (Settings does; the first-run page keeps it simple). */
  allowCustom: boolean;
  /** Shown under a keyring problem, e.g. "Explore with demo data instead". */
  keyringAction?: ReactNode;
  onCancel?: (() => void) | undefined;
}

/**
 * ConnectForm asks for a new connection's name and the client ID, client
 * secret and API key from Investec Online, with a short guide to where
 * Investec Online shows them. Test connection tries them without saving;
 * Save and connect tests again, then stores them in the system keyring.
 * Nothing here keeps a value: the parent's useConnectForm owns the values
 * and clears them.
 */
export function ConnectForm({idPrefix, form, allowCustom, keyringAction, onCancel}: ConnectFormProps) {
  const {values, errors, problem, test, busy, cleared} = form;
  const id = (f: string) => `${idPrefix}-${f}`;
  const set = <K extends keyof ConnectFormValues>(k: K, v: ConnectFormValues[K]) => {
    form.setValues({...values, [k]: v});
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    form.save();
  };
  const disabled = busy !== undefined;
  const kind = values.business ? 'Business Connections' : 'Individual Connections';

  return (
    <form className="cn-form" onSubmit={submit} noValidate autoComplete="off" data-testid="connect-form" aria-busy={disabled}>
      <div className="cn-guide" data-testid="connect-guide">
        <p className="cn-guide__title">Where to find them</p>
        <ol>
          <li>Sign in to Investec Online.</li>
          <li>
            Go to Manage → Investec Developer → {kind}.
          </li>
          <li>Choose Create new API key: pick the accounts and tick the permissions the app should have.</li>
          <li>Copy the client ID, the secret and the API key into the fields below.</li>
        </ol>
        <p className="muted">
          They are kept only in your system’s keyring, never in a file, and are never shown again.
        </p>
      </div>

      <fieldset className="segmented cn-segmented" disabled={disabled}>
        <legend>Account type</legend>
        <label className="segmented__option">
          <input
            type="radio"
            name={id('business')}
            checked={!values.business}
            onChange={() => {
              set('business', false);
            }}
            data-testid="kind-personal"
          />
          <span>Personal (Private Bank)</span>
        </label>
        <label className="segmented__option">
          <input
            type="radio"
            name={id('business')}
            checked={values.business}
            onChange={() => {
              set('business', true);
            }}
            data-testid="kind-business"
          />
          <span>Business (Corporate and Investment Banking)</span>
        </label>
      </fieldset>

      <div className="grid cn-grid">
        <Field id={id('name')} label="Name" error={errors.name} hint="How the app shows this connection.">
          {(control) => (
            <input
              {...control}
              className="input field__input cn-input"
              type="text"
              value={values.name}
              maxLength={60}
              autoComplete="off"
              disabled={disabled}
              data-testid="input-name"
              onChange={(e) => {
                set('name', e.target.value);
              }}
            />
          )}
        </Field>
        {credentialFields.map(({field, label}) => (
          <SecretInput
            key={field}
            id={id(field)}
            label={label}
            value={values[field]}
            onChange={(v) => {
              set(field, v);
            }}
            error={errors[field]}
            disabled={disabled}
          />
        ))}
      </div>

      {allowCustom ? (
        <details className="cn-advanced" open={values.custom || errors.baseUrl !== undefined}>
          <summary>Advanced: a custom base URL</summary>
          <label className="cn-check">
            <input
              type="checkbox"
              checked={values.custom}
              disabled={disabled}
              onChange={(e) => {
                set('custom', e.target.checked);
              }}
              data-testid="use-custom"
            />
            Connect to another server that speaks Investec’s API (a simulator on this computer, say) instead of Investec
          </label>
          {values.custom ? (
            <Field
              id={id('baseUrl')}
              label="Base URL"
              error={errors.baseUrl}
              hint="https://…, or http:// only for this computer (e.g. http://127.0.0.1:8080)."
            >
              {(control) => (
                <input
                  {...control}
                  className="input field__input cn-input cn-input--mono"
                  type="url"
                  value={values.baseUrl}
                  autoComplete="off"
                  spellCheck={false}
                  disabled={disabled}
                  data-testid="input-baseUrl"
                  onChange={(e) => {
                    set('baseUrl', e.target.value);
                  }}
                />
              )}
            </Field>
          ) : null}
        </details>
      ) : null}

      {cleared ? (
        <p className="hint" data-testid="credentials-cleared">
          For safety the client ID, secret and API key were cleared from the form. Paste them again to retry.
        </p>
      ) : null}
      {problem ? (
        <ProblemNotice problem={problem} testId="connect-problem">
          {problem.code === 'keyring' ? keyringAction : null}
        </ProblemNotice>
      ) : null}
      {test ? <TestResult result={test} /> : null}

      <div className="row">
        <button type="submit" className="button button--primary" disabled={disabled} data-testid="connect-save">
          {busy === 'save' ? 'Connecting…' : 'Save and connect'}
        </button>
        <button type="button" className="button button--secondary" onClick={form.runTest} disabled={disabled} data-testid="connect-test">
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={disabled} data-testid="connect-cancel">
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

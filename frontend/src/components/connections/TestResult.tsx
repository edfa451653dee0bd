import {accountLabel} from '../../lib/statements';
import {permissionEffect, problemTitle} from '../../lib/connections';

/** TestedAccountView is what the result shows of an account the key sees. */
export interface TestedAccountView {
  id: string;
  number: string;
  name: string;
  productName: string;
  referenceName: string;
}

/** TestResultView is the outcome of a connection test, as TestResult shows it. */
export interface TestResultView {
  ok: boolean;
  message: string;
  permissions: readonly string[];
  missing: readonly string[];
  accounts: readonly TestedAccountView[];
  errorCode: string;
}

/** TestResultProps are the props of TestResult. */
export interface TestResultProps {
  result: TestResultView;
  testId?: string;
}

/**
 * TestResult shows what a connection test found: the permissions the API
 * key has (✓), the ones it lacks with what that means in the app, and the
 * accounts it sees; or, when the test failed, why (refused, offline, the
 * keyring). It is a status region, so the outcome is announced.
 */
export function TestResult({result, testId = 'test-result'}: TestResultProps) {
  if (!result.ok) {
    return (
      <div className={`notice notice--stacked notice--${result.errorCode === 'keyring' ? 'warning' : 'danger'}`} role="alert" data-testid={testId} data-ok="false" data-code={result.errorCode}>
        <p className="notice__title">{problemTitle(result.errorCode)}</p>
        <p>{result.message}</p>
        {result.errorCode === 'offline' ? (
          <p>Check this computer’s internet connection, then test again. Nothing was saved.</p>
        ) : null}
      </div>
    );
  }
  return (
    <section className="box cn-result" role="status" aria-label="Connection test result" data-testid={testId} data-ok="true">
      <p className="cn-result__summary">
        <span aria-hidden="true">✓</span> {result.message}
      </p>
      <div className="grid cn-result__grid">
        <div>
          <h3 className="cn-result__title">The key allows</h3>
          {result.permissions.length === 0 ? (
            <p className="muted">No permissions.</p>
          ) : (
            <ul className="cn-checks" data-testid="granted">
              {result.permissions.map((p) => (
                <li key={p}>
                  <span className="cn-checks__mark" aria-hidden="true">
                    ✓
                  </span>{' '}
                  {p}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="cn-result__title">Accounts it sees</h3>
          {result.accounts.length === 0 ? (
            <p className="muted">None. Choose accounts for the key in Investec Online.</p>
          ) : (
            <ul className="cn-accounts" data-testid="accounts">
              {result.accounts.map((a) => (
                <li key={a.id}>
                  {accountLabel(a)}
                  {a.name.trim() !== '' ? <span className="muted"> · {a.name}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {result.missing.length > 0 ? (
        <div className="cn-missing" data-testid="missing">
          <h3 className="cn-result__title">Not granted</h3>
          <ul>
            {result.missing.map((p) => (
              <li key={p}>
                <span className="cn-missing__mark" aria-hidden="true">
                  ✗
                </span>{' '}
                <strong>{p}</strong>: {permissionEffect(p)}
              </li>
            ))}
          </ul>
          <p className="muted">You can add permissions to the key in Investec Online at any time, then test again.</p>
        </div>
      ) : null}
    </section>
  );
}

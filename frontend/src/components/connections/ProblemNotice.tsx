import type {ReactNode} from 'react';

import {problemTitle, type Problem} from '../../lib/connections';

/** ProblemNoticeProps are the props of ProblemNotice. */
export interface ProblemNoticeProps {
  problem: Pick<Problem, 'code' | 'message'>;
  /** A next step, e.g. a button to explore the demo instead. */
  children?: ReactNode;
  testId?: string;
}

/**
 * ProblemNotice shows why an action failed, where it failed, with the
 * backend's safe message. A missing or locked keyring says what to do about
 * it (the message carries the way forward) and that nothing was stored
 * elsewhere instead. It is announced when it appears.
 */
export function ProblemNotice({problem, children, testId = 'problem'}: ProblemNoticeProps) {
  const keyring = problem.code === 'keyring';
  return (
    <div className={`notice notice--stacked notice--${keyring ? 'warning' : 'danger'}`} role="alert" data-testid={testId} data-code={problem.code}>
      <p className="notice__title">{problemTitle(problem.code)}</p>
      <p>{problem.message}</p>
      {keyring ? (
        <p data-testid="keyring-help">
          Investec Desk keeps credentials only in the system keyring and never falls back to a file, so nothing was
          saved. Once the keyring is unlocked, try again.
        </p>
      ) : null}
      {children}
    </div>
  );
}

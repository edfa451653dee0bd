import '../components/connections/connections.css';

import {useCallback, useEffect, useRef, useState} from 'react';
import {useNavigate} from 'react-router';

import {ConnectForm} from '../components/connections/ConnectForm';
import {ProblemNotice} from '../components/connections/ProblemNotice';
import {PageHeader} from '../components/PageHeader';
import {useConnectForm} from '../hooks/useConnectForm';
import {syncInBackground} from '../hooks/useConnections';
import {AppError} from '../lib/api';
import {addInvestecSandbox, completeOnboarding, exploreDemo} from '../lib/api/connections';
import {toProblem, type Problem} from '../lib/connections';
import {pathOf} from '../navigation';

/** welcomePath is the route of the first-run page (not in the sidebar). */
export const welcomePath = '/welcome';

type Choice = 'demo' | 'sandbox' | 'business';

/**
 * OnboardingView is the first-run page, shown inside the shell until one of
 * its three ways to start is chosen: the built-in demo bank (the default,
 * focused), Investec's public sandbox, or the person's own Investec account
 * through the connection form. Each choice ends on the Dashboard.
 */
export function OnboardingView() {
  const navigate = useNavigate();
  const [busy, setBusy] = useState<Choice>();
  const [problem, setProblem] = useState<{choice: Choice | 'connect'; problem: Problem}>();
  const [connectOpen, setConnectOpen] = useState(false);
  const demoRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    demoRef.current?.focus();
  }, []);

  const toDashboard = useCallback(() => {
    void navigate(pathOf('dashboard'));
  }, [navigate]);

  const onConnected = useCallback(() => {
    completeOnboarding().then(
      () => {
        syncInBackground();
        toDashboard();
      },
      (e: unknown) => {
        setProblem({choice: 'connect', problem: toProblem(AppError.from(e))});
      },
    );
  }, [toDashboard]);
  const form = useConnectForm(onConnected);

  const choose = (choice: Choice) => {
    setBusy(choice);
    setProblem(undefined);
    const run =
      choice === 'demo'
        ? exploreDemo().then((r) => {
            if (r.switched) {
              syncInBackground();
            }
          })
        : addInvestecSandbox(choice === 'business').then(async () => {
            await completeOnboarding();
            syncInBackground();
          });
    run.then(
      () => {
        setBusy(undefined);
        toDashboard();
      },
      (e: unknown) => {
        setBusy(undefined);
        setProblem({choice, problem: toProblem(AppError.from(e))});
      },
    );
  };

  const disabled = busy !== undefined || form.busy !== undefined;
  const problemFor = (c: Choice | 'connect') => (problem?.choice === c ? problem.problem : undefined);
  const demoProblem = problemFor('demo');
  const sandboxProblem = problemFor('sandbox') ?? problemFor('business');
  const connectProblem = problemFor('connect');

  return (
    <div data-testid="view-welcome">
      <PageHeader
        title="Welcome to Investec Desk"
        description="Your Investec accounts on your own computer: balances, transactions, payments, statements and card code, kept here and usable offline. Choose how to start; you can add or switch connections any time in Settings."
      />
      <ol className="cn-choices" aria-label="Ways to start">
        <li className="cn-choice cn-choice--primary" data-testid="choice-demo">
          <h2 className="cn-choice__title">Explore with demo data</h2>
          <p>
            A built-in bank with realistic accounts and two years of transactions. No account and no internet needed,
            and nothing you do reaches a real bank. Recommended for a first look.
          </p>
          <div className="row">
            <button
              ref={demoRef}
              type="button"
              className="button button--primary"
              disabled={disabled}
              onClick={() => {
                choose('demo');
              }}
              data-testid="choose-demo"
            >
              {busy === 'demo' ? 'Opening the demo…' : 'Explore with demo data'}
            </button>
          </div>
          {demoProblem ? <ProblemNotice problem={demoProblem} testId="demo-problem" /> : null}
        </li>

        <li className="cn-choice" data-testid="choice-sandbox">
          <h2 className="cn-choice__title">Investec sandbox</h2>
          <p>
            Investec’s public test bank, with the test credentials Investec publishes. It needs the internet; its data
            is Investec’s sample data, not yours.
          </p>
          <div className="row">
            <button
              type="button"
              className="button button--secondary"
              disabled={disabled}
              onClick={() => {
                choose('sandbox');
              }}
              data-testid="choose-sandbox"
            >
              {busy === 'sandbox' ? 'Connecting…' : 'Use Investec’s sandbox'}
            </button>
            <button
              type="button"
              className="button cn-button--link"
              disabled={disabled}
              onClick={() => {
                choose('business');
              }}
              data-testid="choose-business-sandbox"
            >
              {busy === 'business' ? 'Connecting…' : 'Use the business sandbox instead'}
            </button>
          </div>
          {sandboxProblem ? <ProblemNotice problem={sandboxProblem} testId="sandbox-problem" /> : null}
        </li>

        <li className="cn-choice" data-testid="choice-connect">
          <h2 className="cn-choice__title">Connect my Investec account</h2>
          <p>
            Use your own client ID, secret and API key from Investec Online. You choose which accounts and permissions
            the key has; the app tests it and tells you what it can do before saving it in your system’s keyring.
          </p>
          <div className="row">
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={connectOpen}
              aria-controls="welcome-connect"
              disabled={busy !== undefined}
              onClick={() => {
                setConnectOpen((o) => !o);
              }}
              data-testid="choose-connect"
            >
              Connect my Investec account
            </button>
          </div>
          {connectProblem ? <ProblemNotice problem={connectProblem} testId="onboarding-problem" /> : null}
          {connectOpen ? (
            <div id="welcome-connect" className="cn-choice__form">
              <ConnectForm
                idPrefix="welcome"
                form={form}
                allowCustom
                keyringAction={
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => {
                      choose('demo');
                    }}
                    data-testid="keyring-use-demo"
                  >
                    Explore with demo data instead
                  </button>
                }
              />
            </div>
          ) : null}
        </li>
      </ol>
    </div>
  );
}

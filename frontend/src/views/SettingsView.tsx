import '../components/connections/connections.css';

import {useCallback, useState} from 'react';
import {useNavigate} from 'react-router';

import {ConnectForm} from '../components/connections/ConnectForm';
import {ConnectionItem} from '../components/connections/ConnectionItem';
import {Modal} from '../components/connections/Modal';
import {ProblemNotice} from '../components/connections/ProblemNotice';
import {RemoveDialog} from '../components/connections/RemoveDialog';
import {SyncIntervalPicker} from '../components/connections/SyncIntervalPicker';
import {Toggle} from '../components/connections/Toggle';
import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {useAppInfo} from '../hooks/useAppInfo';
import {useAppStatus} from '../hooks/useAppStatus';
import {useBackendAvailable} from '../hooks/useBackendAvailable';
import {useColorScheme} from '../hooks/useColorScheme';
import {useConnectForm} from '../hooks/useConnectForm';
import {syncInBackground, useConnections} from '../hooks/useConnections';
import {useNow} from '../hooks/useNow';
import {useConnectionActions, useDataDir, useDemoBankUrl, useRemoveConnection, useSettingsActions} from '../hooks/useSettings';
import {AppError} from '../lib/api';
import {addInvestecSandbox, restartOnboarding} from '../lib/api/connections';
import {asSyncInterval, syncChoices, toProblem, usesKeyring, type Problem, type SyncInterval} from '../lib/connections';
import {welcomePath} from './OnboardingView';

const intervalLabel = (i: SyncInterval) => syncChoices.find((c) => c.value === i)?.label ?? i;

/** SettingsView manages connections, background sync and the demo, and says which build is running. */
export function SettingsView() {
  const available = useBackendAvailable();
  return (
    <div data-testid="view-settings">
      <PageHeader title="Settings" description="Your connections to Investec, how often the app syncs, and how Investec Desk looks and behaves." />
      <div className="stack">
        {available ? (
          <SettingsWithBackend />
        ) : (
          <EmptyState icon="settings" title="Connections">
            <p>
              A connection links Investec Desk to the built-in demo bank, to Investec&apos;s public sandbox, or to your
              own Investec account. They are managed here once the app runs with its backend (the desktop app, or
              wails dev); the command line manages them too: <code>investec-desk connections</code> lists them and{' '}
              <code>investec-desk login --name NAME</code> adds your Investec account.
            </p>
          </EmptyState>
        )}
        <Appearance />
        <About available={available} />
      </div>
    </div>
  );
}

function SettingsWithBackend() {
  const app = useAppStatus();
  const list = useConnections();
  const now = useNow();
  const actions = useConnectionActions(list.reload);
  const remove = useRemoveConnection();
  const settings = useSettingsActions(intervalLabel);
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState('');
  const [confirmReset, setConfirmReset] = useState(false);
  const [sandboxBusy, setSandboxBusy] = useState<'personal' | 'business'>();
  const [sandboxProblem, setSandboxProblem] = useState<Problem>();
  const [welcomeProblem, setWelcomeProblem] = useState<Problem>();

  const onConnected = useCallback((c: {name: string}) => {
    setAdding(false);
    setAdded(`Connected to ‘${c.name}’; it is now in use. Its data is syncing.`);
    syncInBackground();
  }, []);
  const form = useConnectForm(onConnected, 'My Investec');

  const status = app.status;
  const onDemo = status?.connection.kind === 'demo';
  const demoUrl = useDemoBankUrl(onDemo);
  const interval = settings.intervalValue(asSyncInterval(status?.interval ?? '1h'));

  const addSandbox = (business: boolean) => {
    setSandboxBusy(business ? 'business' : 'personal');
    setSandboxProblem(undefined);
    addInvestecSandbox(business).then(
      (c) => {
        setSandboxBusy(undefined);
        setAdding(false);
        setAdded(`Connected to ‘${c.name}’; it is now in use. Its data is syncing (this needs the internet).`);
        syncInBackground();
      },
      (e: unknown) => {
        setSandboxBusy(undefined);
        setSandboxProblem(toProblem(AppError.from(e)));
      },
    );
  };

  return (
    <>
      <section className="card section cn-section" aria-labelledby="connections-title" data-testid="connections">
        <div className="row row--spread">
          <h2 className="card__title" id="connections-title">
            Connections
          </h2>
          <button
            type="button"
            className="button button--primary button--small"
            aria-expanded={adding}
            aria-controls="add-connection"
            onClick={() => {
              setAdding((a) => !a);
              setAdded('');
              form.reset();
            }}
            data-testid="add-connection"
          >
            {adding ? 'Close' : 'Add a connection'}
          </button>
        </div>
        <p className="muted">
          Each connection has its own cache, so data never mixes. Secrets stay in the system keyring; this screen only
          ever knows whether they are set.
        </p>
        <p className="hint cn-item__note" aria-live="polite" data-testid="connections-note">
          {added}
        </p>

        {adding ? (
          <div id="add-connection" className="box cn-add" data-testid="add-panel">
            <h3 className="cn-add__title">Add your Investec account</h3>
            <ConnectForm
              idPrefix="add"
              form={form}
              allowCustom
              onCancel={() => {
                setAdding(false);
                form.reset();
              }}
            />
            <div className="cn-add__other">
              <h3 className="cn-add__title">Or Investec’s public sandbox</h3>
              <p className="muted">Investec’s sample data with its published test credentials; needs the internet.</p>
              <div className="row">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={sandboxBusy !== undefined}
                  onClick={() => {
                    addSandbox(false);
                  }}
                  data-testid="add-sandbox"
                >
                  {sandboxBusy === 'personal' ? 'Connecting…' : 'Add Investec’s sandbox'}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={sandboxBusy !== undefined}
                  onClick={() => {
                    addSandbox(true);
                  }}
                  data-testid="add-business-sandbox"
                >
                  {sandboxBusy === 'business' ? 'Connecting…' : 'Add the business sandbox'}
                </button>
              </div>
              {sandboxProblem ? <ProblemNotice problem={sandboxProblem} testId="sandbox-problem" /> : null}
            </div>
          </div>
        ) : null}

        {list.error ? <ProblemNotice problem={toProblem(list.error)} testId="connections-error" /> : null}
        {list.connections === undefined && !list.error ? <p className="muted">Loading the connections…</p> : null}
        {list.connections ? (
          <ul className="cn-list" aria-label="Connections">
            {list.connections.map((c) => (
              <ConnectionItem
                key={c.id}
                connection={c}
                now={now}
                onSwitch={() => actions.switchTo(c.id)}
                onRename={(name) => actions.rename(c.id, name)}
                onReplaceCredentials={(creds) => actions.replace(c.id, creds)}
                onRetest={() => actions.retest(c.id)}
                onRemove={() => {
                  remove.open(c);
                }}
              />
            ))}
          </ul>
        ) : null}

        <div className="cn-welcome-again">
          <button
            type="button"
            className="button cn-button--link"
            onClick={() => {
              setWelcomeProblem(undefined);
              restartOnboarding().then(
                () => {
                  void navigate(welcomePath);
                },
                (e: unknown) => {
                  setWelcomeProblem(toProblem(AppError.from(e)));
                },
              );
            }}
            data-testid="restart-onboarding"
          >
            Show the welcome page again
          </button>
          {welcomeProblem ? <ProblemNotice problem={welcomeProblem} /> : null}
        </div>
      </section>

      <section className="card section cn-section" aria-labelledby="sync-title" data-testid="sync-settings">
        <h2 className="card__title" id="sync-title">
          Sync
        </h2>
        <p className="muted">
          While the app is open it fetches what is new from {status ? `‘${status.connection.name}’` : 'the bank'} on this
          schedule (each connection keeps its own), and once when it starts unless this is off.
        </p>
        <SyncIntervalPicker value={interval} onChange={settings.setInterval} disabled={settings.interval.busy || !status} />
        <p className="hint cn-item__note" aria-live="polite" data-testid="sync-interval-note">
          {settings.interval.note}
        </p>
        {settings.interval.problem ? <ProblemNotice problem={settings.interval.problem} /> : null}
      </section>

      {onDemo ? (
        <section className="card section cn-section" aria-labelledby="demo-title" data-testid="demo-settings">
          <h2 className="card__title" id="demo-title">
            Demo
          </h2>
          <Toggle
            id="demo-offline"
            label="Simulate being offline"
            description="Switches the built-in demo bank off, to see how the app behaves without a network: what is cached stays readable, and the app says plainly that the bank cannot be reached."
            checked={settings.offlineValue(status.demoOffline)}
            onChange={settings.setOffline}
            disabled={settings.offline.busy}
            testId="demo-offline"
          />
          <p className="hint cn-item__note" aria-live="polite" data-testid="demo-offline-note">
            {settings.offline.note}
          </p>
          {settings.offline.problem ? <ProblemNotice problem={settings.offline.problem} /> : null}

          <div className="cn-demo-reset">
            <div>
              <p className="cn-toggle__label">Reset demo data</p>
              <p className="muted">
                Undoes every demo transfer, payment and card-code change, empties the demo’s cache and syncs it again.
              </p>
            </div>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={settings.reset.busy}
              onClick={() => {
                setConfirmReset(true);
              }}
              data-testid="demo-reset"
            >
              Reset demo data…
            </button>
          </div>
          <p className="hint cn-item__note" aria-live="polite" data-testid="demo-reset-note">
            {confirmReset ? '' : settings.reset.note}
          </p>
          {settings.reset.problem && !confirmReset ? <ProblemNotice problem={settings.reset.problem} /> : null}
          {demoUrl ? (
            <p className="muted" data-testid="demo-url">
              While the demo is the connection in use, its bank answers at{' '}
              <span className="cn-mono">{demoUrl}</span>. It accepts Investec’s published sandbox credentials, so a tool
              that speaks Investec’s API can use it too, and so can the connection form’s Test connection.
            </p>
          ) : null}
        </section>
      ) : null}

      {confirmReset ? (
        <Modal
          title="Reset the demo data?"
          confirmLabel="Reset demo data"
          busyLabel="Resetting…"
          danger
          busy={settings.reset.busy}
          error={settings.reset.problem ? <ProblemNotice problem={settings.reset.problem} /> : undefined}
          onCancel={() => {
            setConfirmReset(false);
          }}
          onConfirm={() => {
            void settings.resetDemoData().then((ok) => {
              if (ok) {
                setConfirmReset(false);
              }
            });
          }}
          testId="reset-dialog"
        >
          <p>
            The demo bank goes back to its starting point and its cache on this computer is emptied; your categories and
            notes on demo transactions go too. Your other connections are not touched.
          </p>
        </Modal>
      ) : null}

      {remove.target ? (
        <RemoveDialog
          name={remove.target.name}
          keyring={usesKeyring(remove.target)}
          cache={remove.cache}
          busy={remove.busy}
          problem={remove.problem}
          onConfirm={remove.confirm}
          onCancel={remove.cancel}
        />
      ) : null}
    </>
  );
}

function Appearance() {
  const theme = useColorScheme();
  return (
    <section className="card" aria-labelledby="appearance-title">
      <h2 className="card__title" id="appearance-title">
        Appearance
      </h2>
      <p data-testid="theme-status">
        The theme follows your operating system: it is <strong>{theme === 'dark' ? 'dark' : 'light'}</strong> now.
      </p>
    </section>
  );
}

function About({available}: {available: boolean}) {
  const about = useAppInfo();
  const dir = useDataDir(available);
  return (
    <section className="card" aria-labelledby="about-title" data-testid="about">
      <h2 className="card__title" id="about-title">
        About
      </h2>
      {about.status === 'loading' ? <p className="muted">Loading…</p> : null}
      {about.status === 'error' ? (
        <p className="muted" data-testid="about-error">
          {about.error.message}
        </p>
      ) : null}
      {about.status === 'ready' ? (
        <dl className="details">
          <dt>Application</dt>
          <dd data-testid="about-name">{about.data.name}</dd>
          <dt>Version</dt>
          <dd data-testid="about-version">
            {about.data.version}
            {about.data.modified ? ' (modified)' : ''}
          </dd>
          <dt>Revision</dt>
          <dd>{about.data.revision || 'unknown'}</dd>
          <dt>Go</dt>
          <dd>{about.data.goVersion}</dd>
          <dt>Platform</dt>
          <dd>{about.data.platform}</dd>
        </dl>
      ) : null}
      <h3 className="cn-about__title">Your data and secrets</h3>
      <ul className="cn-security" data-testid="security-model">
        <li>Your client ID, secret and API key are kept only in the system keyring, and are never shown again.</li>
        <li>
          Accounts, transactions and documents are cached in the data folder, readable only by you; no secret is ever
          written there, to the logs or to an export.
        </li>
        <li>The app talks only to Investec, or to the server a connection names, and sends nothing anywhere else.</li>
      </ul>
      {available ? (
        <dl className="details">
          <dt>Data folder</dt>
          <dd className="cn-mono" data-testid="data-dir">
            {dir ?? '…'}
          </dd>
        </dl>
      ) : null}
      <p className="muted">Investec Desk is not made or endorsed by Investec.</p>
    </section>
  );
}

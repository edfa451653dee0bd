import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {useAppInfo} from '../hooks/useAppInfo';
import {useColorScheme} from '../hooks/useColorScheme';

/** SettingsView manages connections and preferences, and says which build is running. */
export function SettingsView() {
  const theme = useColorScheme();
  const about = useAppInfo();
  return (
    <div data-testid="view-settings">
      <PageHeader title="Settings" description="Your connections to Investec, and how Investec Desk looks and behaves." />
      <div className="stack">

      <EmptyState icon="settings" title="Connections">
        <p>
          A connection links Investec Desk to the built-in demo bank, to Investec&apos;s public sandbox, or to your
          own Investec account. The client secret and API key of a real account are kept in your operating
          system&apos;s keyring, never in a file. Managing connections on this screen is coming next; until then the
          command line does it: <code>investec-desk connections</code> lists them and{' '}
          <code>investec-desk login --name NAME</code> adds your Investec account.
        </p>
      </EmptyState>

      <section className="card" aria-labelledby="appearance-title">
        <h2 className="card__title" id="appearance-title">
          Appearance
        </h2>
        <p data-testid="theme-status">
          The theme follows your operating system: it is <strong>{theme === 'dark' ? 'dark' : 'light'}</strong> now.
        </p>
      </section>

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
            <dd data-testid="about-name">{about.info.name}</dd>
            <dt>Version</dt>
            <dd data-testid="about-version">
              {about.info.version}
              {about.info.modified ? ' (modified)' : ''}
            </dd>
            <dt>Revision</dt>
            <dd>{about.info.revision || 'unknown'}</dd>
            <dt>Go</dt>
            <dd>{about.info.goVersion}</dd>
            <dt>Platform</dt>
            <dd>{about.info.platform}</dd>
          </dl>
        ) : null}
        <p className="muted">Investec Desk is not made or endorsed by Investec.</p>
      </section>
      </div>
    </div>
  );
}

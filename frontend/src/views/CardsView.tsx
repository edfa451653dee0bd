import '../components/cards/cards.css';

import {useCallback, useState} from 'react';
import {useSearchParams} from 'react-router';

import {CardList} from '../components/cards/CardList';
import {CodeDiff} from '../components/cards/CodeDiff';
import {CodeEditor} from '../components/cards/CodeEditor';
import {CodeHistory} from '../components/cards/CodeHistory';
import {ConfirmDialog} from '../components/cards/ConfirmDialog';
import {EnvEditor} from '../components/cards/EnvEditor';
import {ExecutionList} from '../components/cards/ExecutionList';
import {SimulationForm, defaultInput, type SimulationInput} from '../components/cards/SimulationForm';
import {SimulationResultPanel} from '../components/cards/SimulationResultPanel';
import {TemplateList} from '../components/cards/TemplateList';
import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {useCardCode} from '../hooks/useCardCode';
import {useCardEnv} from '../hooks/useCardEnv';
import {useCardReference, useCardRuns, useCardTemplates} from '../hooks/useCardRuns';
import {useCards} from '../hooks/useCards';
import {useColorScheme} from '../hooks/useColorScheme';
import {AppError} from '../lib/api';
import type {Card, CardCodeState, CardTemplate, CodeVersion, EnvChange, SimulationMode, TransactionLink} from '../lib/api/cards';
import {cardsAsOf, emptyFilter, mergeTemplateEnv, offlineNotice, offlineReason, shortId, type ExecutionFilter} from '../lib/cardcode';
import {centsToDecimal, formatDateTime, parseISODate, parseMoney} from '../lib/format';
import {pathOf} from '../navigation';

/**
 * transactionHref opens a linked transaction in the Transactions view:
 * filtered to its account, its description and the days it can have
 * posted on (a card purchase posts within ten days), with its local id.
 */
export function transactionHref(t: TransactionLink): string {
  const q = new URLSearchParams({account: t.accountId, q: t.description, id: String(t.transactionId)});
  const from = parseISODate(t.transactionDate);
  if (from) {
    const to = new Date(Date.UTC(from.year, from.month - 1, from.day + 10));
    q.set('from', t.transactionDate);
    q.set('to', to.toISOString().slice(0, 10));
  }
  return `${pathOf('transactions')}?${q.toString()}`;
}

/**
 * CardsView is the card code workbench: the person's cards with their
 * programmable feature, and for the chosen card its JavaScript (editor,
 * diff against the published code, save, publish, history, templates),
 * environment variables, simulations (locally or on Investec) and the
 * execution log. Every change at the bank is confirmed first.
 */
export function CardsView() {
  const cards = useCards();
  const [params, setParams] = useSearchParams();
  const [toggle, setToggle] = useState<{card: Card; busy: boolean; error?: string}>();
  const [announce, setAnnounce] = useState('');
  // Unsaved editor text per card, kept while the view is open.
  const [drafts] = useState(() => new Map<string, string>());

  const list = cards.state.status === 'ready' ? cards.state.cards : [];
  const wanted = params.get('card');
  const selected = list.find((c) => c.key === wanted) ?? list[0];
  // Investec cannot be reached: the cards are the cached ones.
  const asOf = cardsAsOf(list);
  const offline = asOf !== undefined;

  const select = useCallback(
    (key: string) => {
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.set('card', key);
          return next;
        },
        {replace: true},
      );
    },
    [setParams],
  );

  const confirmToggle = () => {
    if (!toggle) {
      return;
    }
    const {card} = toggle;
    setToggle({card, busy: true});
    cards.setProgrammable(card.key, !card.programmable).then(
      (on) => {
        setToggle(undefined);
        setAnnounce(`The programmable feature of card ${card.number} is now ${on ? 'on' : 'off'}.`);
      },
      (e: unknown) => {
        setToggle({card, busy: false, error: AppError.from(e).message});
      },
    );
  };

  return (
    <div data-testid="view-cards" className="stack">
      <PageHeader
        title="Cards"
        description="Write, test and publish the code that runs on your Investec card with every purchase."
      />
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="cards-announce">
        {announce}
      </p>
      {cards.state.status === 'loading' ? <p className="muted">Loading your cards…</p> : null}
      {cards.state.status === 'error' ? (
        <EmptyState icon="cards" title="Your cards could not be loaded" actions={[{to: pathOf('settings'), label: 'Check the connection'}]}>
          <p data-testid="cards-error">{cards.state.error.message}</p>
          {cards.state.error.code === 'bridge_unavailable' ? null : (
            <p>
              <button type="button" className="button button--secondary" onClick={cards.reload}>
                Try again
              </button>
            </p>
          )}
        </EmptyState>
      ) : null}
      {cards.state.status === 'ready' && list.length === 0 ? (
        <EmptyState icon="cards" title="No cards yet" actions={[{to: pathOf('settings'), label: 'Connect an account'}]}>
          <p>Connect an account in Settings whose API key has card permissions to see your cards and their code.</p>
        </EmptyState>
      ) : null}
      {offline ? (
        <p className="notice notice--warning cc-alert" role="status" data-testid="cards-offline">
          {offlineNotice(formatDateTime(asOf))}{' '}
          <button type="button" className="button button--secondary button--small" onClick={cards.reload} data-testid="cards-retry">
            Try again
          </button>
        </p>
      ) : null}
      {list.length > 0 ? (
        <section className="card section" aria-labelledby="cc-cards-title">
          <h2 id="cc-cards-title" className="card__title">
            Your cards
          </h2>
          <CardList
            cards={list}
            {...(selected ? {selectedKey: selected.key} : {})}
            onSelect={select}
            onToggle={(card) => {
              setToggle({card, busy: false});
            }}
            {...(offline ? {toggleDisabledReason: offlineReason} : {})}
          />
        </section>
      ) : null}
      {selected ? <Workbench key={selected.key} card={selected} drafts={drafts} onAnnounce={setAnnounce} offline={offline} /> : null}
      {toggle ? (
        <ConfirmDialog
          title={toggle.card.programmable ? 'Turn the programmable feature off?' : 'Turn the programmable feature on?'}
          confirmLabel={toggle.card.programmable ? 'Turn it off' : 'Turn it on'}
          onConfirm={confirmToggle}
          onCancel={() => {
            setToggle(undefined);
          }}
          busy={toggle.busy}
          {...(toggle.error ? {error: toggle.error} : {})}
          testId="toggle-dialog"
        >
          <p>
            Card <strong>{toggle.card.number}</strong>{' '}
            {toggle.card.programmable
              ? 'will stop running its code: every transaction is then decided by Investec alone.'
              : 'will run its published code on every transaction again.'}
          </p>
          <p className="muted">This is sent to Investec once; if the connection drops, reload before trying again.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** WorkbenchProps are the props of Workbench. */
interface WorkbenchProps {
  card: Card;
  drafts: Map<string, string>;
  onAnnounce: (message: string) => void;
  /** True when Investec cannot be reached: only what runs on this computer is enabled. */
  offline: boolean;
}

type PublishDialog = {state?: CardCodeState; busy: boolean; error?: string};
type EnvDialog = {changes: EnvChange[]; busy: boolean; error?: string};

/** Workbench is everything about one card's code (mounted per card). */
function Workbench({card, drafts, onAnnounce, offline}: WorkbenchProps) {
  const theme = useColorScheme();
  const code = useCardCode(card.key, drafts);
  const env = useCardEnv(card.key);
  const runs = useCardRuns(card.key);
  const reference = useCardReference();
  const templates = useCardTemplates();

  const [compare, setCompare] = useState(false);
  const [saving, setSaving] = useState(false);
  const [codeMessage, setCodeMessage] = useState<OutcomeMessage>();
  const [publish, setPublish] = useState<PublishDialog>();
  const [envErrors, setEnvErrors] = useState<Record<string, string>>({});
  const [envDialog, setEnvDialog] = useState<EnvDialog>();
  const [envMessage, setEnvMessage] = useState<OutcomeMessage>();
  const [input, setInput] = useState<SimulationInput>(defaultInput);
  const [filter, setFilter] = useState<ExecutionFilter>(emptyFilter);

  const ready = code.load.status === 'ready' ? code.load.code : undefined;
  const syntax = code.check && !code.check.ok ? code.check : undefined;

  const save = () => {
    setSaving(true);
    setCodeMessage(undefined);
    code.save().then(
      (saved) => {
        setSaving(false);
        const text = `Saved as version ${shortId(saved.codeId)}. It is not live until you publish it.`;
        setCodeMessage({tone: 'ok', text});
        onAnnounce(text);
      },
      (e: unknown) => {
        setSaving(false);
        const err = AppError.from(e);
        setCodeMessage({tone: 'danger', text: err.fieldErrors().code ?? err.message});
      },
    );
  };

  const openPublish = () => {
    // Not busy while reading: Cancel stays usable (and focused).
    setPublish({busy: false});
    code.refresh().then(
      (state) => {
        setPublish({state, busy: false});
      },
      (e: unknown) => {
        setPublish({busy: false, error: AppError.from(e).message});
      },
    );
  };

  const confirmPublish = () => {
    const state = publish?.state;
    if (!state) {
      return;
    }
    setPublish({state, busy: true});
    code.publish(state.saved.codeId).then(
      (pub) => {
        setPublish(undefined);
        const text = `Published version ${shortId(pub.codeId)}: it now runs on every transaction of card ${card.number}.`;
        setCodeMessage({tone: 'ok', text});
        onAnnounce(text);
      },
      (e: unknown) => {
        const err = AppError.from(e);
        setPublish({state, busy: false, error: err.message});
        if (err.code === 'conflict') {
          // Someone saved meanwhile: show the new diff to review.
          code.refresh().then(
            (fresh) => {
              setPublish({state: fresh, busy: false, error: err.message});
            },
            () => undefined,
          );
        }
      },
    );
  };

  const applyTemplate = (t: CardTemplate) => {
    code.setText(t.code);
    if (t.env.length > 0) {
      env.setRows(mergeTemplateEnv(env.rows, t.env));
    }
    setCompare(false);
    const text = `The template “${t.name}” is in the editor${t.env.length > 0 ? ' and its variables were added below' : ''}. Save to keep it.`;
    setCodeMessage({tone: 'ok', text});
    onAnnounce(text);
  };

  const restore = (v: CodeVersion) => {
    code.setText(v.code);
    setCompare(false);
    const text = `The ${v.kind} version ${shortId(v.codeId)} is in the editor. Save and publish it to make it live again.`;
    setCodeMessage({tone: 'ok', text});
    onAnnounce(text);
  };

  const openEnvSave = () => {
    setEnvMessage(undefined);
    env.changes().then(
      (changes) => {
        setEnvErrors({});
        if (changes.length === 0) {
          setEnvMessage({tone: 'ok', text: 'Nothing to change: the card already has exactly these variables.'});
          return;
        }
        setEnvDialog({changes, busy: false});
      },
      (e: unknown) => {
        const err = AppError.from(e);
        setEnvErrors(err.fieldErrors());
        if (err.fields.length === 0) {
          setEnvMessage({tone: 'danger', text: err.message});
        }
      },
    );
  };

  const confirmEnv = () => {
    if (!envDialog) {
      return;
    }
    setEnvDialog({...envDialog, busy: true});
    env.save().then(
      (saved) => {
        setEnvDialog(undefined);
        const text = `Saved: card ${card.number} now has ${saved.variables.length} environment variable${saved.variables.length === 1 ? '' : 's'}.`;
        setEnvMessage({tone: 'ok', text});
        onAnnounce(text);
      },
      (e: unknown) => {
        setEnvDialog({...envDialog, busy: false, error: AppError.from(e).message});
      },
    );
  };

  const run = (mode: SimulationMode) => {
    // Rands as typed ("R1 234,50") go to the backend as an exact decimal.
    const parsed = input.currencyCode.toLowerCase() === 'zar' ? parseMoney(input.amount) : undefined;
    const amount = parsed?.ok ? centsToDecimal(parsed.cents) : input.amount;
    void runs.run({...input, amount, mode, code: code.text});
  };
  const simErrors = runs.runs.error?.error.fieldErrors() ?? {};

  return (
    <>
      {!card.programmable ? (
        <p className="notice notice--warning cc-alert" data-testid="not-programmable">
          The programmable feature of this card is off: its code does not run on transactions. You can still edit, save and
          simulate it.
        </p>
      ) : null}

      <section className="card section" aria-labelledby="cc-code-title" data-testid="code-section">
        <div className="section__head">
          <h2 id="cc-code-title" className="card__title">
            Code
          </h2>
          {ready ? (
            <p className="muted" data-testid="code-status">
              Saved version {shortId(ready.saved.codeId)}
              {ready.differs ? ', not published yet' : ', published'}
              {ready.cached ? ' · from the history on this computer' : ''}
              {code.dirty ? ' · unsaved changes in the editor' : ''}
            </p>
          ) : null}
        </div>
        {code.load.status === 'loading' ? <p className="muted">Loading the card&apos;s code…</p> : null}
        {code.load.status === 'error' ? (
          <p className="notice notice--danger cc-alert" role="alert">
            {code.load.error.message}{' '}
            <button type="button" className="button button--secondary button--small" onClick={code.reload}>
              Try again
            </button>
          </p>
        ) : null}
        {ready ? (
          <>
            <div className="row cc-toolbar">
              <button
                type="button"
                className="button button--primary"
                onClick={save}
                disabled={!code.dirty || saving || offline}
                title={offline ? offlineReason : undefined}
                data-testid="code-save"
              >
                {saving ? 'Saving…' : 'Save'}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={openPublish}
                disabled={publish !== undefined || offline || !ready.differs}
                title={offline ? offlineReason : ready.differs ? undefined : 'The saved code is already what runs on the card.'}
                data-testid="code-publish"
              >
                Publish…
              </button>
              <button
                type="button"
                className="button button--secondary"
                aria-pressed={compare}
                onClick={() => {
                  setCompare((c) => !c);
                }}
                data-testid="code-compare"
              >
                Compare with published
              </button>
            </div>
            {syntax ? (
              <p className="notice notice--danger cc-alert" role="alert" data-testid="code-syntax">
                {syntax.line > 0 ? `Line ${syntax.line}, column ${syntax.column}: ` : ''}
                {syntax.message}
              </p>
            ) : null}
            {codeMessage ? <Outcome message={codeMessage} testId="code-message" /> : null}
            {compare ? (
              <CodeDiff
                before={ready.published.code}
                after={code.text}
                beforeLabel={`Published (${shortId(ready.published.codeId)})`}
                afterLabel={code.dirty ? 'Editor (unsaved)' : `Saved (${shortId(ready.saved.codeId)})`}
              />
            ) : (
              <CodeEditor value={code.text} onChange={code.setText} label={`Code of card ${card.number}`} theme={theme} />
            )}
            <div className="grid cc-columns">
              <details className="cc-details" data-testid="templates-panel">
                <summary>Start from a template</summary>
                <TemplateList templates={templates} onUse={applyTemplate} />
              </details>
              <details className="cc-details" data-testid="history-panel">
                <summary>History ({code.history.length})</summary>
                <CodeHistory versions={code.history} onRestore={restore} savedId={ready.saved.codeId} publishedId={ready.published.codeId} />
              </details>
            </div>
          </>
        ) : null}
      </section>

      <section className="card section" aria-labelledby="cc-env-title" data-testid="env-section">
        <div className="section__head">
          <h2 id="cc-env-title" className="card__title">
            Environment variables
          </h2>
          <p className="muted">Your code reads them as process.env.name. Saving replaces the whole set at Investec.</p>
        </div>
        {env.load.status === 'loading' ? <p className="muted">Loading…</p> : null}
        {env.load.status === 'error' ? (
          <p className="notice notice--danger cc-alert" role="alert">
            {env.load.error.message}
          </p>
        ) : null}
        {env.load.status === 'ready' ? (
          <EnvEditor
            rows={env.rows}
            onChange={(rows) => {
              env.setRows(rows);
              setEnvErrors({});
            }}
            errors={envErrors}
            onSave={openEnvSave}
            dirty={env.dirty}
            busy={envDialog?.busy ?? false}
            {...(offline ? {saveDisabledReason: offlineReason} : {})}
          />
        ) : null}
        {env.load.status === 'ready' && env.load.env.cached ? (
          <p className="muted" data-testid="env-cached">
            The copy kept in this computer&apos;s keyring{env.load.env.cachedAt ? ` on ${formatDateTime(env.load.env.cachedAt)}` : ''}; local
            runs use it.
          </p>
        ) : null}
        {envMessage ? <Outcome message={envMessage} testId="env-message" /> : null}
      </section>

      <section className="card section" aria-labelledby="cc-sim-title" data-testid="simulate-section">
        <div className="section__head">
          <h2 id="cc-sim-title" className="card__title">
            Simulate a transaction
          </h2>
          <p className="muted">Runs the code in the editor with the card&apos;s saved environment variables.</p>
        </div>
        <SimulationForm
          {...(reference ? {reference} : {})}
          value={input}
          onChange={setInput}
          onRun={run}
          {...(runs.runs.running ? {running: runs.runs.running} : {})}
          errors={simErrors}
          disabled={!ready}
          {...(offline ? {investecDisabledReason: offlineReason} : {})}
        />
        {offline ? (
          <p className="hint" data-testid="sim-offline">
            Offline: Run locally uses the cached card and its environment variables. {offlineReason}
          </p>
        ) : null}
        <div className="grid cc-results">
          {(['local', 'investec'] as const).map((mode) => {
            const err = runs.runs.error?.mode === mode ? runs.runs.error.error : undefined;
            const result = runs.runs[mode];
            return (
              <SimulationResultPanel
                key={mode}
                mode={mode}
                {...(result ? {result} : {})}
                {...(err && err.fields.length === 0 ? {error: err.message} : err ? {error: 'Check the form: ' + err.fields.map((f) => f.message).join(' ')} : {})}
                running={runs.runs.running === mode}
              />
            );
          })}
        </div>
      </section>

      <section className="card section" aria-labelledby="cc-log-title" data-testid="log-section">
        <div className="section__head">
          <h2 id="cc-log-title" className="card__title">
            Execution log
          </h2>
          <button type="button" className="button button--secondary button--small" onClick={runs.reloadExecutions} data-testid="log-refresh">
            Refresh
          </button>
        </div>
        {runs.executions.status === 'loading' ? <p className="muted">Loading the log…</p> : null}
        {runs.executions.status === 'error' ? (
          <p className="notice notice--danger cc-alert" role="alert">
            {runs.executions.error.message}
          </p>
        ) : null}
        {runs.executions.status === 'ready' ? (
          <>
            {runs.executions.log.bankMessage ? (
              <p className="notice notice--warning cc-alert" data-testid="log-bank-message">
                {runs.executions.log.bankMessage}
              </p>
            ) : null}
            <ExecutionList executions={runs.executions.log.executions} filter={filter} onFilter={setFilter} transactionHref={transactionHref} />
          </>
        ) : null}
      </section>

      {publish ? (
        <ConfirmDialog
          title={`Publish the saved code to card ${card.number}?`}
          confirmLabel={publish.state ? `Publish version ${shortId(publish.state.saved.codeId)}` : 'Publish'}
          onConfirm={confirmPublish}
          onCancel={() => {
            setPublish(undefined);
          }}
          busy={publish.busy}
          confirmDisabled={!publish.state}
          {...(publish.error ? {error: publish.error} : {})}
          testId="publish-dialog"
          wide
        >
          {publish.state ? (
            <>
              <p>
                This is what will go live: the published code on the left is replaced by the saved version on the right, and it
                runs on every real transaction of this card.
              </p>
              {code.dirty ? (
                <p className="notice notice--warning cc-alert" data-testid="publish-unsaved">
                  The editor has unsaved changes. They are not part of this; save them first to publish them.
                </p>
              ) : null}
              <CodeDiff
                before={publish.state.published.code}
                after={publish.state.saved.code}
                beforeLabel={`Published now (${shortId(publish.state.published.codeId)})`}
                afterLabel={`Saved (${shortId(publish.state.saved.codeId)})`}
                testId="publish-diff"
              />
            </>
          ) : (
            <p className="muted">Reading the card&apos;s saved and published code…</p>
          )}
        </ConfirmDialog>
      ) : null}

      {envDialog ? (
        <ConfirmDialog
          title={`Replace the environment variables of card ${card.number}?`}
          confirmLabel="Save variables"
          onConfirm={confirmEnv}
          onCancel={() => {
            setEnvDialog(undefined);
          }}
          busy={envDialog.busy}
          {...(envDialog.error ? {error: envDialog.error} : {})}
          testId="env-dialog"
        >
          <p>Investec replaces the whole set. These are the changes:</p>
          <ul className="cc-changes" data-testid="env-changes">
            {envDialog.changes.map((c) => (
              <li key={c.key} data-kind={c.kind}>
                <span className={`cc-change cc-change--${c.kind}`}>{c.kind === 'added' ? 'Add' : c.kind === 'changed' ? 'Change' : 'Remove'}</span>{' '}
                <code>{c.key}</code>
                {c.kind === 'added' ? (
                  <>
                    {' '}
                    = <code>{c.new}</code>
                  </>
                ) : null}
                {c.kind === 'changed' ? (
                  <>
                    : <code>{c.old}</code> → <code>{c.new}</code>
                  </>
                ) : null}
                {c.kind === 'removed' ? (
                  <>
                    {' '}
                    (was <code>{c.old}</code>)
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** OutcomeMessage says how a code or environment action went. */
interface OutcomeMessage {
  tone: 'ok' | 'danger';
  text: string;
}

/** Outcome shows an OutcomeMessage: a polite status when the action worked, an alert when it did not. */
function Outcome({message, testId}: {message: OutcomeMessage; testId: string}) {
  const ok = message.tone === 'ok';
  return (
    <p className={`notice cc-alert ${ok ? 'notice--info' : 'notice--danger'}`} role={ok ? 'status' : 'alert'} data-testid={testId}>
      {message.text}
    </p>
  );
}

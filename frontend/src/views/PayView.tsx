import '../components/pay/pay.css';

import {useCallback, useId, useMemo, useState, type SyntheticEvent} from 'react';

import {Banner} from '../components/Banner';
import {EmptyState} from '../components/EmptyState';
import {JournalList} from '../components/pay/JournalList';
import {LimitForm} from '../components/pay/LimitForm';
import {PaymentFields} from '../components/pay/PaymentFields';
import {ReviewPanel} from '../components/pay/ReviewPanel';
import {TemplateBar} from '../components/pay/TemplateBar';
import {TransferFields} from '../components/pay/TransferFields';
import {PageHeader} from '../components/PageHeader';
import {usePayAccount, usePaySetup} from '../hooks/usePaySetup';
import {usePayFlow} from '../hooks/usePayFlow';
import {AppError} from '../lib/api';
import {deletePayTemplate, savePayTemplate, setPayDailyLimit, syncNow} from '../lib/api/payments';
import {emptyPayment, emptyTransfer, kindWord, type PayKind, type PaymentForm, type PaySetup, type PayTemplate, type TransferForm} from '../lib/pay';
import {pathOf} from '../navigation';

const description =
  'Pay a beneficiary or move money between your own accounts. You review every payment before it is sent, and it is never sent twice.';

/** PayView pays beneficiaries and moves money between the person's own accounts. */
export function PayView() {
  const {state, reload} = usePaySetup();
  return (
    <div data-testid="view-pay" className="stack">
      <PageHeader title="Pay & Transfer" description={description} />
      {state.status === 'unavailable' ? <NoAccounts /> : null}
      {state.status === 'loading' ? <p className="muted">Loading your accounts…</p> : null}
      {state.status === 'error' ? (
        <EmptyState icon="pay" title="Pay & Transfer could not load" actions={[{to: pathOf('settings'), label: 'Check the connection'}]}>
          <p data-testid="pay-load-error">{state.error.message}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={() => void reload()}>
              Try again
            </button>
          </p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && !state.setup.available ? (
        <EmptyState icon="pay" title="This connection cannot move money" actions={[{to: pathOf('settings'), label: 'Choose another connection'}]}>
          <p>{state.setup.reason}</p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && state.setup.available && state.setup.accounts.length === 0 ? (
        <NoAccounts onSync={() => syncNow().then(reload)} />
      ) : null}
      {state.status === 'ready' && state.setup.available && state.setup.accounts.length > 0 ? (
        <Workspace setup={state.setup} reload={reload} />
      ) : null}
    </div>
  );
}

/** NoAccounts explains that there is nothing to pay from yet (and offers a sync when it can run one). */
function NoAccounts({onSync}: {onSync?: () => Promise<void>}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <EmptyState icon="pay" title="No accounts to pay from" actions={[{to: pathOf('settings'), label: 'Connect an account'}]}>
      <p>
        Connect an account in Settings whose API key may make transfers and payments. Your beneficiaries from Investec Online will then be
        listed here.
      </p>
      {onSync ? (
        <p className="row">
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            data-testid="pay-sync-accounts"
            onClick={() => {
              setBusy(true);
              onSync().then(
                () => {
                  setBusy(false);
                },
                (e: unknown) => {
                  setBusy(false);
                  setError(AppError.from(e).message);
                },
              );
            }}
          >
            {busy ? 'Syncing…' : 'Sync the accounts now'}
          </button>
          {error ? <span className="field__error">{error}</span> : null}
        </p>
      ) : null}
    </EmptyState>
  );
}

interface WorkspaceProps {
  setup: PaySetup;
  reload: () => Promise<void>;
}

/** Workspace is the view once there are accounts: the form or the review, the settings and the journal. */
function Workspace({setup, reload}: WorkspaceProps) {
  const id = useId();
  const accounts = setup.accounts;
  const [kind, setKind] = useState<PayKind>('transfer');
  const [transfer, setTransfer] = useState<TransferForm>(() => emptyTransfer(accounts[0]?.id ?? '', accounts[1]?.id ?? ''));
  const [payment, setPayment] = useState<PaymentForm>(() => emptyPayment(accounts[0]?.id ?? ''));
  const [note, setNote] = useState('');
  const settled = useCallback(() => {
    void reload();
  }, [reload]);
  const flow = usePayFlow(settled);
  const account = usePayAccount(payment.fromAccountId, kind === 'payment');

  const [tplBusy, setTplBusy] = useState(false);
  const [tplError, setTplError] = useState<string>();
  const [tplSaved, setTplSaved] = useState<string>();
  const [limitBusy, setLimitBusy] = useState(false);
  const [limitError, setLimitError] = useState<string>();
  const [limitSaved, setLimitSaved] = useState(false);

  const review = flow.state.review;
  const lastOutcome = flow.state.outcomes[flow.state.outcomes.length - 1];
  const problems = Object.keys(flow.state.errors).length;
  // What screen readers hear: the latest step of the flow, else the last
  // template or settings action.
  let announce = note;
  if (lastOutcome) {
    announce = `${lastOutcome.kind === 'transfer' ? 'Transfer' : 'Payment'}: ${lastOutcome.statusText}.`;
  } else if (review) {
    announce = `Review ready: check the ${kindWord(review.kind)} and confirm it to send.`;
  } else if (problems > 0) {
    announce = `${String(problems)} field${problems === 1 ? ' needs' : 's need'} attention.`;
  }

  const permission = kind === 'transfer' ? setup.transfers : setup.payments;
  const busy = flow.state.busy !== undefined;
  const templates = setup.templates.filter((t) => t.kind === kind);
  const balances = useMemo(() => {
    if (!review) {
      return [];
    }
    const ids = new Set([review.from.id, ...(review.kind === 'transfer' ? review.batches.flatMap((b) => b.lines.map((l) => l.targetId)) : [])]);
    return setup.accounts.filter((a) => ids.has(a.id));
  }, [review, setup.accounts]);

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    if (kind === 'transfer') {
      flow.reviewTransfer(transfer);
    } else {
      flow.reviewPayment(payment);
    }
  };

  const useTemplate = (t: PayTemplate) => {
    flow.reset();
    if (t.kind === 'transfer' && t.transfer) {
      setTransfer({...t.transfer});
    } else if (t.kind === 'payment' && t.payment) {
      setPayment({...t.payment, lines: t.payment.lines.map((l) => ({...l}))});
    }
    setNote(`Filled in from the template ${t.name}. Review it before sending.`);
  };
  const saveTemplate = (name: string) => {
    setTplBusy(true);
    setTplError(undefined);
    setTplSaved(undefined);
    const t = kind === 'transfer' ? {id: 0, name, kind, transfer} : {id: 0, name, kind, payment};
    savePayTemplate(t).then(
      (saved) => {
        setTplBusy(false);
        setTplSaved(saved.name);
        void reload();
      },
      (e: unknown) => {
        setTplBusy(false);
        const err = AppError.from(e);
        setTplError(err.fieldErrors().name ?? err.message);
      },
    );
  };
  const removeTemplate = (t: PayTemplate) => {
    deletePayTemplate(t.id).then(
      () => {
        setNote(`Deleted the template ${t.name}.`);
        void reload();
      },
      (e: unknown) => {
        setTplError(AppError.from(e).message);
      },
    );
  };
  const saveLimit = (amount: string) => {
    setLimitBusy(true);
    setLimitError(undefined);
    setLimitSaved(false);
    setPayDailyLimit(amount).then(
      () => {
        setLimitBusy(false);
        setLimitSaved(true);
        void reload();
      },
      (e: unknown) => {
        setLimitBusy(false);
        const err = AppError.from(e);
        setLimitError(err.fieldErrors().dailyLimit ?? err.message);
      },
    );
  };

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="pay-announce">
        {announce}
      </p>
      {permission === 'missing' ? (
        <Banner tone="danger" title={`This API key may not make ${kind === 'transfer' ? 'transfers' : 'beneficiary payments'}.`} testId="pay-permission">
          {setup.permissionHelp}
        </Banner>
      ) : null}

      {review ? (
        <ReviewPanel
          review={review}
          outcomes={flow.state.outcomes}
          current={flow.current}
          finished={flow.finished}
          busy={busy}
          confirmError={flow.state.confirmError}
          duplicate={flow.state.duplicate}
          message={flow.state.message}
          sync={flow.state.sync}
          syncMessage={flow.state.syncMessage}
          balances={balances}
          permissionHelp={setup.permissionHelp}
          transactionsPath={pathOf('transactions')}
          onConfirm={flow.confirm}
          onBack={flow.back}
          onDone={() => {
            flow.reset();
            if (kind === 'transfer') {
              setTransfer((t) => ({...t, amount: '', myReference: '', theirReference: ''}));
            } else {
              setPayment((p) => ({...p, lines: []}));
            }
          }}
        />
      ) : (
        <section className="card section" aria-labelledby={`${id}-form`}>
          <div className="section__head">
            <h2 id={`${id}-form`} className="card__title">
              {kind === 'transfer' ? 'Transfer between your accounts' : 'Pay beneficiaries'}
            </h2>
            <fieldset className="segmented">
              <legend>What to do</legend>
              {(['transfer', 'payment'] as const).map((k) => (
                <label key={k} className="segmented__option">
                  <input
                    type="radio"
                    name={`${id}-kind`}
                    value={k}
                    checked={kind === k}
                    disabled={busy}
                    data-testid={`pay-kind-${k}`}
                    onChange={() => {
                      setKind(k);
                      flow.reset();
                    }}
                  />
                  <span>{k === 'transfer' ? 'Transfer' : 'Pay beneficiaries'}</span>
                </label>
              ))}
            </fieldset>
          </div>
          <TemplateBar
            templates={templates}
            onUse={useTemplate}
            onDelete={removeTemplate}
            onSave={saveTemplate}
            canSave={!busy}
            busy={tplBusy}
            error={tplError}
            savedName={tplSaved}
          />
          <form className="section" onSubmit={submit} noValidate data-testid="pay-form">
            {kind === 'transfer' ? (
              <TransferFields
                accounts={accounts}
                value={transfer}
                onChange={setTransfer}
                errors={flow.state.errors}
                myReferenceMax={setup.myReferenceMax}
                theirReferenceMax={setup.theirReferenceMax}
                referenceCharacters={setup.referenceCharacters}
                disabled={busy}
              />
            ) : (
              <PaymentFields
                accounts={accounts}
                value={payment}
                onChange={setPayment}
                errors={flow.state.errors}
                beneficiaries={account.status === 'ready' ? account.account.beneficiaries : undefined}
                authorisation={account.status === 'ready' ? account.account.authorisation : undefined}
                accountNotice={
                  account.status === 'error' ? account.error.message : account.status === 'ready' && account.account.notice ? account.account.notice : undefined
                }
                loadingAccount={account.status === 'loading'}
                myReferenceMax={setup.myReferenceMax}
                theirReferenceMax={setup.theirReferenceMax}
                disabled={busy}
              />
            )}
            {flow.state.message ? (
              <p className="notice notice--danger pay-alert" role="alert" data-testid="pay-form-message">
                {flow.state.message}
              </p>
            ) : null}
            <div className="row">
              <button type="submit" className="button button--primary" disabled={busy} data-testid="pay-review-button">
                {flow.state.busy === 'review' ? 'Checking…' : `Review the ${kindWord(kind)}`}
              </button>
              <span className="muted">Nothing is sent until you confirm the review.</span>
            </div>
          </form>
        </section>
      )}

      <section className="card section" aria-labelledby={`${id}-settings`}>
        <h2 id={`${id}-settings`} className="card__title">
          Pay & Transfer settings
        </h2>
        <LimitForm key={setup.limits.dailyLimit} limits={setup.limits} onSave={saveLimit} busy={limitBusy} error={limitError} saved={limitSaved} />
      </section>

      <section className="card section" aria-labelledby={`${id}-journal`}>
        <h2 id={`${id}-journal`} className="card__title">
          Recent transfers and payments
        </h2>
        {setup.recent.length > 0 ? (
          <JournalList entries={setup.recent} />
        ) : (
          <EmptyState icon="pay" title="No transfers or payments yet">
            <p>
              Every transfer and payment you confirm here is kept in this journal on your computer, with Investec&apos;s answer, so you can
              always see what was sent and what came of it.
            </p>
          </EmptyState>
        )}
      </section>
    </>
  );
}

import {useEffect, useId, useRef, useState} from 'react';

import {formatDate, formatMoney} from '../../lib/format';
import type {Annotation, TransactionDetail} from '../../lib/review/types';
import {bookDate, SignedAmount, StatusBadge, typeLabel} from './cells';

/** TransactionPanelProps are the props of TransactionPanel. */
export interface TransactionPanelProps {
  detail?: TransactionDetail;
  loading: boolean;
  /** Why the detail could not be loaded. */
  loadError?: string;
  accountLabel: (accountId: string) => string;
  /** The category names to choose from. */
  categories: string[];
  onSave: (a: Annotation) => void;
  saving: boolean;
  /** Problems with the last save, by field ("category", "note") or "" for the whole form. */
  saveErrors: Record<string, string>;
  /** Set after a successful save, until the next edit. */
  saved: boolean;
  onClose: () => void;
}

/**
 * TransactionPanel shows every field Investec sent for a transaction and
 * lets the person set its category and note, which are kept on this
 * computer across syncs. It takes the focus when it opens; Esc closes it.
 */
export function TransactionPanel(props: TransactionPanelProps) {
  const {detail, loading, loadError, onClose} = props;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const tx = detail?.transaction;

  useEffect(() => {
    heading.current?.focus();
  }, [tx?.id]);

  return (
    <aside
      className="card tx-panel"
      aria-labelledby={`${id}-title`}
      data-testid="tx-panel"
    >
      <div className="tx-panel__head">
        <h2 className="tx-panel__title" id={`${id}-title`} ref={heading} tabIndex={-1} data-testid="tx-panel-title">
          {tx ? tx.description || 'Transaction' : loading ? 'Loading…' : 'Transaction'}
        </h2>
        <button type="button" className="button button--secondary button--small tx-small" onClick={onClose} aria-label="Close the details" data-testid="tx-panel-close">
          Close <kbd className="kbd">Esc</kbd>
        </button>
      </div>
      {loadError ? (
        <p className="notice notice--danger" role="alert">
          {loadError}
        </p>
      ) : null}
      {detail ? <PanelBody {...props} detail={detail} /> : null}
    </aside>
  );
}

/** AnnotationProps are what the category and note form needs of the panel's props. */
type AnnotationProps = Pick<TransactionPanelProps, 'categories' | 'onSave' | 'saving' | 'saveErrors' | 'saved'> & {detail: TransactionDetail};

function PanelBody(props: AnnotationProps & Pick<TransactionPanelProps, 'accountLabel'>) {
  const {detail, accountLabel} = props;
  const tx = detail.transaction;
  return (
    <>
      <div className="tx-panel__amount">
        <SignedAmount cents={tx.amount} direction={tx.type} /> <StatusBadge status={tx.status} />
      </div>
      <AnnotationForm key={`${String(tx.id)}:${tx.category}:${tx.note}`} {...props} />
      <dl className="details" data-testid="tx-fields">
        <dt>Account</dt>
        <dd>{accountLabel(tx.accountId)}</dd>
        <dt>Direction</dt>
        <dd>{tx.type === 'CREDIT' ? 'Money in (credit)' : 'Money out (debit)'}</dd>
        <dt>Type</dt>
        <dd>{typeLabel(tx.transactionType) || '—'}</dd>
        <dt>Status</dt>
        <dd>{tx.status === 'PENDING' ? 'Pending (not yet posted)' : 'Posted'}</dd>
        <dt>Amount</dt>
        <dd>{formatMoney(tx.amount)}</dd>
        <dt>Running balance</dt>
        <dd>{tx.runningBalance === undefined ? '—' : formatMoney(tx.runningBalance)}</dd>
        <dt>Transaction date</dt>
        <dd>{formatDate(tx.transactionDate) || '—'}</dd>
        <dt>Posting date</dt>
        <dd>{formatDate(tx.postingDate) || '—'}</dd>
        <dt>Value date</dt>
        <dd>{formatDate(tx.valueDate) || '—'}</dd>
        <dt>Action date</dt>
        <dd>{formatDate(tx.actionDate) || '—'}</dd>
        <dt>Listed under</dt>
        <dd>{formatDate(bookDate(tx))}</dd>
        <dt>Card number</dt>
        <dd>{tx.cardNumber || '—'}</dd>
        <dt>Posted order</dt>
        <dd>{tx.postedOrder > 0 ? tx.postedOrder : '—'}</dd>
        <dt>UUID</dt>
        <dd>
          <code>{tx.uuid || '—'}</code>
        </dd>
        <dt>Description</dt>
        <dd>{tx.description}</dd>
      </dl>
    </>
  );
}

function AnnotationForm(props: AnnotationProps) {
  const {detail, categories, onSave, saving, saveErrors, saved} = props;
  const id = useId();
  const tx = detail.transaction;
  const [category, setCategory] = useState(tx.category);
  const [note, setNote] = useState(tx.note);
  const options = categories.includes(tx.category) || tx.category === '' ? categories : [tx.category, ...categories];
  const changed = category !== tx.category || note !== tx.note;
  const origin =
    detail.categorySource === 'rule'
      ? detail.rule
        ? `Set by the rule “${detail.rule.contains}” → ${detail.rule.category}. Choosing a category yourself keeps rules away from it.`
        : 'Set by a rule (since deleted).'
      : detail.categorySource === 'hand'
        ? 'Set by you; rules never change it.'
        : 'Not categorised yet.';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave({category, note: note.trim()});
      }}
      data-testid="annotation-form"
    >
      <div className="field field--compact">
        <label className="field__label" htmlFor={`${id}-cat`}>
          Category
        </label>
        <select
          id={`${id}-cat`}
          className="select"
          value={category}
          onChange={(e) => {
            setCategory(e.target.value);
          }}
          aria-invalid={saveErrors.category !== undefined}
          aria-describedby={`${id}-origin`}
          data-testid="annotation-category"
        >
          <option value="">Uncategorised</option>
          {options.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <span id={`${id}-origin`} className="muted" data-testid="category-origin" data-source={detail.categorySource}>
          {origin}
        </span>
        {saveErrors.category ? <span className="field__error">{saveErrors.category}</span> : null}
      </div>
      <div className="field field--compact">
        <label className="field__label" htmlFor={`${id}-note`}>
          Note
        </label>
        <textarea
          id={`${id}-note`}
          className="input"
          value={note}
          maxLength={2000}
          onChange={(e) => {
            setNote(e.target.value);
          }}
          aria-invalid={saveErrors.note !== undefined}
          data-testid="annotation-note"
        />
        {saveErrors.note ? <span className="field__error">{saveErrors.note}</span> : null}
      </div>
      {saveErrors[''] ? (
        <p className="notice notice--danger" role="alert">
          {saveErrors['']}
        </p>
      ) : null}
      <div className="row-actions">
        <button type="submit" className="button button--primary" disabled={saving || !changed} data-testid="annotation-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
        <span role="status" className="muted" data-testid="annotation-status">
          {saved && !changed ? 'Saved on this computer. It stays across syncs.' : ''}
        </span>
      </div>
    </form>
  );
}

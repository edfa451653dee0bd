import {useId, useMemo, useState} from 'react';

import {formatDate, formatMoney, parseMoney} from '../../lib/format';
import {
  lineErrors,
  lineFor,
  referenceCount,
  type Beneficiary,
  type PayAccountRef,
  type PayAuthorisation,
  type PaymentForm,
  type PaymentLineForm,
} from '../../lib/pay';
import {Field, fieldErrorId, SelectField, TextField} from './Field';
import {AccountField} from './TransferFields';

/** PaymentFieldsProps are the props of PaymentFields. */
export interface PaymentFieldsProps {
  accounts: readonly PayAccountRef[];
  value: PaymentForm;
  onChange: (v: PaymentForm) => void;
  /** Problems per field from the backend (lines[i].amount, authoriserAId, total, ...). */
  errors: Readonly<Record<string, string>>;
  /** The beneficiaries payable from the chosen account (undefined while loading). */
  beneficiaries?: readonly Beneficiary[] | undefined;
  /** Set when payments from the account need dual authorisation. */
  authorisation?: PayAuthorisation | undefined;
  /** Loading, a problem, or why the list may be incomplete. */
  accountNotice?: string | undefined;
  loadingAccount?: boolean;
  myReferenceMax: number;
  theirReferenceMax: number;
  disabled?: boolean;
}

/** beneficiaryMeta describes a beneficiary on one line: bank, account, last payment. */
export function beneficiaryMeta(b: Beneficiary): string {
  const last =
    b.lastPaymentAmount !== undefined && b.lastPaymentDate !== ''
      ? ` · last paid ${formatMoney(b.lastPaymentAmount)} on ${formatDate(b.lastPaymentDate)}`
      : ' · not paid yet from here';
  return `${b.bank} ${b.accountNumber}${last}`;
}

/**
 * PaymentFields are the inputs of payments to beneficiaries: the account
 * the money comes from, a searchable beneficiary picker (name, bank,
 * account number, last payment) that adds a payment line per click, each
 * line's amount, references and faster payment (only where the beneficiary
 * allows it), and the authorisers and period when the account needs dual
 * authorisation.
 */
export function PaymentFields({
  accounts,
  value,
  onChange,
  errors,
  beneficiaries,
  authorisation,
  accountNotice,
  loadingAccount = false,
  myReferenceMax,
  theirReferenceMax,
  disabled = false,
}: PaymentFieldsProps) {
  const id = useId();
  const [search, setSearch] = useState('');
  const byId = useMemo(() => new Map((beneficiaries ?? []).map((b) => [b.id, b])), [beneficiaries]);
  const found = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter((w) => w !== '');
    return (beneficiaries ?? []).filter((b) => {
      const text = `${b.name} ${b.beneficiaryName} ${b.bank} ${b.accountNumber} ${b.referenceName}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [beneficiaries, search]);

  const set = (patch: Partial<PaymentForm>) => {
    onChange({...value, ...patch});
  };
  const setLine = (i: number, patch: Partial<PaymentLineForm>) => {
    set({lines: value.lines.map((l, k) => (k === i ? {...l, ...patch} : l))});
  };
  let total = 0;
  let totalKnown = true;
  for (const l of value.lines) {
    const p = parseMoney(l.amount);
    if (p.ok) {
      total += p.cents;
    } else {
      totalKnown = false;
    }
  }

  return (
    <div className="section" data-testid="payment-fields">
      <div className="grid">
        <AccountField
          id={`${id}-from`}
          label="From"
          field="fromAccountId"
          error={errors.fromAccountId}
          value={value.fromAccountId}
          accounts={accounts}
          disabled={disabled}
          testId="pay-from"
          onChange={(v) => {
            // Beneficiaries and authorisers belong to the account.
            onChange({...value, fromAccountId: v, lines: [], authoriserAId: '', authoriserBId: '', authPeriodId: ''});
          }}
        />
      </div>

      {accountNotice ? (
        <p className="notice notice--warning pay-alert" data-testid="pay-account-notice">
          {accountNotice}
        </p>
      ) : null}

      {value.fromAccountId !== '' ? (
        <div className="pay-picker">
          <Field id={`${id}-search`} label="Add a beneficiary" hint="Find by name, bank or account number; choose one to add a payment to it.">
            {(c) => (
              <input
                {...c}
                type="search"
                className="input field__input pay-input"
                value={search}
                disabled={disabled || loadingAccount}
                data-testid="pay-ben-search"
                onChange={(e) => {
                  setSearch(e.target.value);
                }}
              />
            )}
          </Field>
          {loadingAccount ? <p className="muted">Loading the beneficiaries…</p> : null}
          {beneficiaries && beneficiaries.length === 0 ? (
            <p className="muted">This account has no beneficiaries. Add them in Investec Online and pay each once there first.</p>
          ) : null}
          {found.length > 0 ? (
            <ul className="grid grid--fill pay-bens" aria-label="Beneficiaries" data-testid="pay-beneficiaries">
              {found.map((b) => (
                <li key={b.id}>
                  <button
                    type="button"
                    className="pay-ben"
                    disabled={disabled}
                    data-testid="pay-ben"
                    onClick={() => {
                      set({lines: [...value.lines, lineFor(b, myReferenceMax, theirReferenceMax)]});
                    }}
                  >
                    <span className="pay-ben__name">
                      {b.name || b.beneficiaryName}
                      {b.fasterPaymentAllowed ? (
                        <>
                          {' '}
                          <span className="badge badge--info">Faster payment</span>
                        </>
                      ) : null}
                    </span>
                    <span className="hint">{beneficiaryMeta(b)}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {errors.lines ? (
            <p className="field__error" data-testid={fieldErrorId('lines')}>
              {errors.lines}
            </p>
          ) : null}
        </div>
      ) : null}

      {value.lines.length > 0 ? (
        <ol className="pay-lines" data-testid="pay-lines">
          {value.lines.map((l, i) => {
            const ben = byId.get(l.beneficiaryId);
            const e = lineErrors(errors, i);
            const lid = `${id}-line${String(i)}`;
            return (
              // Lines have no identity but their place: two lines may pay the same beneficiary.
              <li key={i}>
                <fieldset className="box pay-line" data-testid="pay-line">
                  <legend>
                    Payment {i + 1}: {ben ? `${ben.name || ben.beneficiaryName} — ${ben.bank} ${ben.accountNumber}` : 'unknown beneficiary'}
                  </legend>
                  {e.beneficiaryId ? (
                    <p className="field__error" data-testid={fieldErrorId(`lines[${String(i)}].beneficiaryId`)}>
                      {e.beneficiaryId}
                    </p>
                  ) : null}
                  <div className="pay-line__grid">
                    <TextField
                      id={`${lid}-amount`}
                      label="Amount (rands)"
                      field={`lines[${String(i)}].amount`}
                      error={e.amount}
                      amount
                      value={l.amount}
                      disabled={disabled}
                      testId="pay-line-amount"
                      onChange={(v) => {
                        setLine(i, {amount: v});
                      }}
                    />
                    <TextField
                      id={`${lid}-my`}
                      label="My reference"
                      field={`lines[${String(i)}].myReference`}
                      error={e.myReference}
                      hint={referenceCount(l.myReference, myReferenceMax)}
                      value={l.myReference}
                      disabled={disabled}
                      testId="pay-line-my-ref"
                      onChange={(v) => {
                        setLine(i, {myReference: v});
                      }}
                    />
                    <TextField
                      id={`${lid}-their`}
                      label="Their reference"
                      field={`lines[${String(i)}].theirReference`}
                      error={e.theirReference}
                      hint={referenceCount(l.theirReference, theirReferenceMax)}
                      value={l.theirReference}
                      disabled={disabled}
                      testId="pay-line-their-ref"
                      onChange={(v) => {
                        setLine(i, {theirReference: v});
                      }}
                    />
                    <div className="field">
                      <span className="field__label">Options</span>
                      {ben?.fasterPaymentAllowed ? (
                        <label className="pay-check">
                          <input
                            type="checkbox"
                            checked={l.fasterPayment}
                            disabled={disabled}
                            data-testid="pay-line-faster"
                            onChange={(ev) => {
                              setLine(i, {fasterPayment: ev.target.checked});
                            }}
                          />
                          Faster payment
                        </label>
                      ) : (
                        <span className="muted">No faster payment</span>
                      )}
                      {e.fasterPayment ? <p className="field__error">{e.fasterPayment}</p> : null}
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        disabled={disabled}
                        data-testid="pay-line-remove"
                        onClick={() => {
                          set({lines: value.lines.filter((_, k) => k !== i)});
                        }}
                      >
                        Remove
                      </button>
                    </div>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
      ) : null}

      {value.lines.length > 0 ? (
        <div>
          <p className="pay-total" data-testid="pay-total">
            {value.lines.length} payment{value.lines.length === 1 ? '' : 's'}, total {totalKnown ? formatMoney(total) : '—'}
            {value.lines.length > 50 ? ` · sent in ${String(Math.ceil(value.lines.length / 50))} batches of at most 50, each confirmed` : ''}
          </p>
          {errors.total ? (
            <p className="field__error" data-testid={fieldErrorId('total')}>
              {errors.total}
            </p>
          ) : null}
        </div>
      ) : null}

      {authorisation ? (
        <fieldset className="box pay-line" data-testid="pay-authorisation">
          <legend>Dual authorisation ({authorisation.required} authorisations needed)</legend>
          <div className="grid">
            {(
              [
                {field: 'authoriserAId', label: 'Authoriser A', testId: 'pay-authoriser-a', options: authorisation.authorisersA},
                {field: 'authoriserBId', label: 'Authoriser B', testId: 'pay-authoriser-b', options: authorisation.authorisersB},
                {field: 'authPeriodId', label: 'May wait for authorisation', testId: 'pay-auth-period', options: authorisation.periods},
              ] as const
            ).map((f) => (
              <SelectField
                key={f.field}
                id={`${id}-${f.field}`}
                label={f.label}
                field={f.field}
                error={errors[f.field]}
                value={value[f.field]}
                choices={f.options.map((x) => ({value: x.id, label: x.name}))}
                placeholder="Choose"
                disabled={disabled}
                testId={f.testId}
                onChange={(v) => {
                  onChange({...value, [f.field]: v});
                }}
              />
            ))}
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}

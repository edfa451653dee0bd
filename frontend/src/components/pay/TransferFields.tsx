import {useId} from 'react';

import {formatMoney} from '../../lib/format';
import {referenceCount, type PayAccountRef, type TransferForm} from '../../lib/pay';
import {Field, fieldErrorId} from './Field';

/** accountOption is how an account is listed in a picker. */
export function accountOption(a: PayAccountRef): string {
  const avail = a.available === undefined ? '' : ` — available ${formatMoney(a.available)}`;
  return `${a.name} · ${a.number}${avail}`;
}

/** TransferFieldsProps are the props of TransferFields. */
export interface TransferFieldsProps {
  accounts: readonly PayAccountRef[];
  value: TransferForm;
  onChange: (v: TransferForm) => void;
  /** Problems per field from the backend (fromAccountId, toAccountId, amount, myReference, theirReference). */
  errors: Readonly<Record<string, string>>;
  myReferenceMax: number;
  theirReferenceMax: number;
  referenceCharacters: string;
  disabled?: boolean;
}

/**
 * TransferFields are the inputs of a transfer between the person's own
 * accounts: from, to, amount in rands and both references, each with its
 * problem beside it.
 */
export function TransferFields({
  accounts,
  value,
  onChange,
  errors,
  myReferenceMax,
  theirReferenceMax,
  referenceCharacters,
  disabled = false,
}: TransferFieldsProps) {
  const id = useId();
  const set = (patch: Partial<TransferForm>) => {
    onChange({...value, ...patch});
  };
  return (
    <div className="pay-grid" data-testid="transfer-fields">
      <Field id={`${id}-from`} label="From" error={errors.fromAccountId} errorTestId={fieldErrorId('fromAccountId')}>
        {(c) => (
          <select
            {...c}
            className="pay-input"
            value={value.fromAccountId}
            disabled={disabled}
            data-testid="pay-from"
            onChange={(e) => {
              set({fromAccountId: e.target.value});
            }}
          >
            <option value="">Choose an account</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {accountOption(a)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-to`} label="To" error={errors.toAccountId} errorTestId={fieldErrorId('toAccountId')}>
        {(c) => (
          <select
            {...c}
            className="pay-input"
            value={value.toAccountId}
            disabled={disabled}
            data-testid="pay-to"
            onChange={(e) => {
              set({toAccountId: e.target.value});
            }}
          >
            <option value="">Choose an account</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {accountOption(a)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${id}-amount`}
        label="Amount (rands)"
        error={errors.amount}
        errorTestId={fieldErrorId('amount')}
        hint="Digits and a point for the cents, e.g. 1250.50."
      >
        {(c) => (
          <input
            {...c}
            className="pay-input pay-input--amount"
            inputMode="decimal"
            autoComplete="off"
            value={value.amount}
            disabled={disabled}
            data-testid="pay-amount"
            onChange={(e) => {
              set({amount: e.target.value});
            }}
          />
        )}
      </Field>
      <Field
        id={`${id}-my`}
        label="My reference"
        error={errors.myReference}
        errorTestId={fieldErrorId('myReference')}
        hint={`On your statement · ${referenceCount(value.myReference, myReferenceMax)}`}
      >
        {(c) => (
          <input
            {...c}
            className="pay-input"
            autoComplete="off"
            value={value.myReference}
            disabled={disabled}
            data-testid="pay-my-ref"
            onChange={(e) => {
              set({myReference: e.target.value});
            }}
          />
        )}
      </Field>
      <Field
        id={`${id}-their`}
        label="Their reference"
        error={errors.theirReference}
        errorTestId={fieldErrorId('theirReference')}
        hint={`On the other account's statement · ${referenceCount(value.theirReference, theirReferenceMax)} · ${referenceCharacters}`}
      >
        {(c) => (
          <input
            {...c}
            className="pay-input"
            autoComplete="off"
            value={value.theirReference}
            disabled={disabled}
            data-testid="pay-their-ref"
            onChange={(e) => {
              set({theirReference: e.target.value});
            }}
          />
        )}
      </Field>
    </div>
  );
}

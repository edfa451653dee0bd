import {useId} from 'react';

import {formatMoney} from '../../lib/format';
import {referenceCount, type PayAccountRef, type TransferForm} from '../../lib/pay';
import {SelectField, TextField, type SelectFieldProps} from './Field';

/** accountOption is how an account is listed in a picker. */
function accountOption(a: PayAccountRef): string {
  const avail = a.available === undefined ? '' : ` — available ${formatMoney(a.available)}`;
  return `${a.name} · ${a.number}${avail}`;
}

/** AccountFieldProps are the props of AccountField. */
export interface AccountFieldProps extends Omit<SelectFieldProps, 'choices' | 'placeholder'> {
  accounts: readonly PayAccountRef[];
}

/** AccountField picks one of the person's accounts, each listed with its number and available balance. */
export function AccountField({accounts, ...field}: AccountFieldProps) {
  return <SelectField {...field} choices={accounts.map((a) => ({value: a.id, label: accountOption(a)}))} placeholder="Choose an account" />;
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
    <div className="grid" data-testid="transfer-fields">
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
          set({fromAccountId: v});
        }}
      />
      <AccountField
        id={`${id}-to`}
        label="To"
        field="toAccountId"
        error={errors.toAccountId}
        value={value.toAccountId}
        accounts={accounts}
        disabled={disabled}
        testId="pay-to"
        onChange={(v) => {
          set({toAccountId: v});
        }}
      />
      <TextField
        id={`${id}-amount`}
        label="Amount (rands)"
        field="amount"
        error={errors.amount}
        hint="Digits and a point for the cents, e.g. 1250.50."
        amount
        value={value.amount}
        disabled={disabled}
        testId="pay-amount"
        onChange={(v) => {
          set({amount: v});
        }}
      />
      <TextField
        id={`${id}-my`}
        label="My reference"
        field="myReference"
        error={errors.myReference}
        hint={`On your statement · ${referenceCount(value.myReference, myReferenceMax)}`}
        value={value.myReference}
        disabled={disabled}
        testId="pay-my-ref"
        onChange={(v) => {
          set({myReference: v});
        }}
      />
      <TextField
        id={`${id}-their`}
        label="Their reference"
        field="theirReference"
        error={errors.theirReference}
        hint={`On the other account's statement · ${referenceCount(value.theirReference, theirReferenceMax)} · ${referenceCharacters}`}
        value={value.theirReference}
        disabled={disabled}
        testId="pay-their-ref"
        onChange={(v) => {
          set({theirReference: v});
        }}
      />
    </div>
  );
}

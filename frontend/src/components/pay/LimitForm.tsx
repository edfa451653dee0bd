import {useId, useState, type SyntheticEvent} from 'react';

import {centsToDecimal, formatMoney} from '../../lib/format';
import type {PayLimits} from '../../lib/pay';
import {Field} from './Field';

/** LimitFormProps are the props of LimitForm. */
export interface LimitFormProps {
  limits: PayLimits;
  onSave: (amount: string) => void;
  busy?: boolean;
  error?: string | undefined;
  saved?: boolean;
}

/**
 * LimitForm sets the local daily limit: transfers and payments that would
 * take today's total (South African time) over it are refused before they
 * are sent.
 */
export function LimitForm({limits, onSave, busy = false, error, saved = false}: LimitFormProps) {
  const id = useId();
  const [value, setValue] = useState(() => centsToDecimal(limits.dailyLimit));
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    onSave(value);
  };
  return (
    <form className="section" onSubmit={submit} noValidate data-testid="pay-limit-form">
      <p data-testid="pay-limit-used">
        {formatMoney(limits.usedToday)} of {formatMoney(limits.dailyLimit)} used today ({formatMoney(limits.remaining)} left). Attempts whose outcome
        is unknown count, because they may have gone through.
      </p>
      <div className="row">
        <Field id={`${id}-limit`} label="Daily limit (rands)" error={error} errorTestId="field-error-dailyLimit">
          {(c) => (
            <input
              {...c}
              className="input field__input pay-input pay-input--amount"
              inputMode="decimal"
              autoComplete="off"
              value={value}
              disabled={busy}
              data-testid="pay-limit-input"
              onChange={(e) => {
                setValue(e.target.value);
              }}
            />
          )}
        </Field>
        <button type="submit" className="button button--secondary" disabled={busy} data-testid="pay-limit-save">
          {busy ? 'Saving…' : 'Save limit'}
        </button>
        {saved ? (
          <span role="status" className="muted">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}

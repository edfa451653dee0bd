import type {ReactNode} from 'react';

import {Field, type Choice} from '../Field';

export {Field, type FieldProps} from '../Field';

/** fieldErrorId names the test id of a field's error text. */
export function fieldErrorId(field: string): string {
  return `field-error-${field}`;
}


/** InputFieldProps are what SelectField and TextField share. */
interface InputFieldProps {
  id: string;
  label: ReactNode;
  /** The field's name in the backend's problems, e.g. "amount" or "lines[0].amount". */
  field: string;
  error?: string | undefined;
  hint?: ReactNode;
  value: string;
  disabled: boolean;
  testId: string;
  onChange: (value: string) => void;
}

/** SelectFieldProps are the props of SelectField. */
export interface SelectFieldProps extends InputFieldProps {
  choices: readonly Choice[];
  /** The label of the empty first option (nothing chosen yet). */
  placeholder: string;
}

/** SelectField is a Field holding a drop-down list whose first option means "nothing chosen". */
export function SelectField({id, label, field, error, hint, value, disabled, testId, onChange, choices, placeholder}: SelectFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint} errorTestId={fieldErrorId(field)}>
      {(c) => (
        <select
          {...c}
          className="input field__input pay-input"
          value={value}
          disabled={disabled}
          data-testid={testId}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        >
          <option value="">{placeholder}</option>
          {choices.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** TextFieldProps are the props of TextField. */
export interface TextFieldProps extends InputFieldProps {
  /** An amount in rands: right-aligned, with the decimal keypad on touch screens. */
  amount?: boolean;
}

/** TextField is a Field holding a one-line text input (a reference, or an amount). */
export function TextField({id, label, field, error, hint, value, disabled, testId, onChange, amount = false}: TextFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint} errorTestId={fieldErrorId(field)}>
      {(c) => (
        <input
          {...c}
          className={amount ? 'input field__input pay-input pay-input--amount' : 'input field__input pay-input'}
          {...(amount ? {inputMode: 'decimal' as const} : {})}
          autoComplete="off"
          value={value}
          disabled={disabled}
          data-testid={testId}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      )}
    </Field>
  );
}

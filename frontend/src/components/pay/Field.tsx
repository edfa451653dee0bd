import type {ReactNode} from 'react';

/** ControlProps wire an input to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** FieldProps are the props of Field. */
export interface FieldProps {
  id: string;
  label: ReactNode;
  /** The problem with the value, shown right under the input and announced by it. */
  error?: string | undefined;
  hint?: ReactNode;
  /** data-testid of the error text (e.g. "field-error-amount"). */
  errorTestId?: string;
  /** Renders the control with the props that connect it to the label, hint and error. */
  children: (control: ControlProps) => ReactNode;
}

/**
 * Field is a labelled form control with an optional hint and the problem
 * with its value beside it (aria-invalid and aria-describedby point at it,
 * so a screen reader reads it with the field).
 */
export function Field({id, label, error, hint, errorTestId, children}: FieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter((s) => s !== '').join(' ');
  const control: ControlProps = {id, ...(error ? {'aria-invalid': true as const} : {}), ...(described ? {'aria-describedby': described} : {})};
  return (
    <div className={`pay-field${error ? ' pay-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(control)}
      {hint ? (
        <p id={`${id}-hint`} className="pay-field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="pay-field__error" data-testid={errorTestId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** fieldErrorId names the test id of a field's error text. */
export function fieldErrorId(field: string): string {
  return `field-error-${field}`;
}

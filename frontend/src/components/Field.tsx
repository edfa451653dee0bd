import type {ReactNode} from 'react';

/** ControlProps connect an input to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** FieldProps are the props of Field. */
export interface FieldProps {
  id: string;
  label: ReactNode;
  /** The problem with the value, shown right under the input and read with it. */
  error?: string | undefined;
  hint?: ReactNode;
  /** data-testid of the error text; by default "field-error-<id after its last dash>". */
  errorTestId?: string | undefined;
  /** Renders the control with the props that connect it to its label, hint and error. */
  children: (control: ControlProps) => ReactNode;
}

/**
 * Field is a labelled control (styles/components.css's .field) with an
 * optional hint and, beside it, the problem with its value (aria-invalid and aria-describedby point at it, so
 * a screen reader reads it with the field).
 */
export function Field({id, label, error, hint, errorTestId, children}: FieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter((s) => s !== '').join(' ');
  const control: ControlProps = {id, ...(error ? {'aria-invalid': true as const} : {}), ...(described ? {'aria-describedby': described} : {})};
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children(control)}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error" data-testid={errorTestId ?? `field-error-${id.slice(id.lastIndexOf('-') + 1)}`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

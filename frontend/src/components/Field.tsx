import type {ReactNode} from 'react';

/** ControlProps connect an input to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** controlProps are a control's id, and aria-invalid and aria-describedby when there is a problem or a description. */
function controlProps(id: string, error: string | undefined, describedBy: string[]): ControlProps {
  const described = describedBy.filter((s) => s !== '').join(' ');
  return {id, ...(error ? {'aria-invalid': true as const} : {}), ...(described ? {'aria-describedby': described} : {})};
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
  const control = controlProps(id, error, [hint ? `${id}-hint` : '', error ? `${id}-error` : '']);
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

/** CompactFieldProps are the props of CompactField. */
export interface CompactFieldProps {
  id: string;
  label: ReactNode;
  /** The problem with the value, shown under the control and read with it. */
  error?: string | undefined;
  /** Renders the control with the props that connect it to its label and error. */
  children: (control: ControlProps) => ReactNode;
}

/**
 * CompactField is the smaller labelled control of a filter bar or an inline
 * form (.field--compact), with the problem with its value under it.
 */
export function CompactField({id, label, error, children}: CompactFieldProps) {
  return (
    <div className="field field--compact">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(controlProps(id, error, [error ? `${id}-error` : '']))}
      {error ? (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** Choice is one option of a drop-down list or a list of check boxes. */
export interface Choice<V extends string = string> {
  value: V;
  label: string;
}

/** ChoiceSelectProps are the props of ChoiceSelect. */
export interface ChoiceSelectProps<V extends string> extends Partial<ControlProps> {
  className: string;
  value: V;
  /** Every option, the "nothing chosen" or "any" one included. */
  choices: readonly Choice<V>[];
  /** Called with the chosen choice's value. */
  onChange: (value: V) => void;
  testId: string;
}

/** ChoiceSelect is a drop-down list of choices, typed by their values. */
export function ChoiceSelect<V extends string>({className, value, choices, onChange, testId, ...control}: ChoiceSelectProps<V>) {
  return (
    <select
      {...control}
      className={className}
      value={value}
      onChange={(e) => {
        const chosen = choices.find((c) => c.value === e.target.value);
        if (chosen) {
          onChange(chosen.value);
        }
      }}
      data-testid={testId}
    >
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** CompactSelectProps are the props of CompactSelect. */
export interface CompactSelectProps<V extends string> extends Omit<CompactFieldProps, 'children'>, Omit<ChoiceSelectProps<V>, 'className' | keyof ControlProps> {}

/** CompactSelect is a CompactField holding a drop-down list of choices. */
export function CompactSelect<V extends string>({id, label, error, ...select}: CompactSelectProps<V>) {
  return (
    <CompactField id={id} label={label} error={error}>
      {(control) => <ChoiceSelect {...control} {...select} className="select" />}
    </CompactField>
  );
}

import {useState} from 'react';

import {Field} from '../Field';

/** SecretInputProps are the props of SecretInput. */
export interface SecretInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  /** Shown while empty, e.g. "set ••••" for a stored value that typing replaces. */
  placeholder?: string;
  disabled?: boolean;
}

/**
 * SecretInput is a password field for a credential, with a Show/Hide
 * toggle. The browser is told not to remember, autofill, spell-check or
 * auto-correct it; the value lives only in the form's state until it is
 * sent.
 */
export function SecretInput({id, label, value, onChange, error, hint, placeholder, disabled = false}: SecretInputProps) {
  const [shown, setShown] = useState(false);
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(control) => (
        <div className="cn-secret">
          <input
            {...control}
            className="input field__input cn-input cn-input--mono"
            type={shown ? 'text' : 'password'}
            name={id}
            value={value}
            placeholder={placeholder}
            disabled={disabled}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="off"
            spellCheck={false}
            data-1p-ignore=""
            data-lpignore="true"
            data-testid={`input-${id.slice(id.lastIndexOf('-') + 1)}`}
            onChange={(e) => {
              onChange(e.target.value);
            }}
          />
          <button
            type="button"
            className="button button--secondary button--small"
            aria-controls={id}
            aria-label={`${shown ? 'Hide' : 'Show'} ${label}`}
            onClick={() => {
              setShown((s) => !s);
            }}
            disabled={disabled}
          >
            {shown ? 'Hide' : 'Show'}
          </button>
        </div>
      )}
    </Field>
  );
}

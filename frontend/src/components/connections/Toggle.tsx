/** ToggleProps are the props of Toggle. */
export interface ToggleProps {
  id: string;
  label: string;
  /** A sentence under the label saying what the switch does. */
  description: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  testId?: string;
}

/** Toggle is an on/off switch (a checkbox with the switch role) with its label and description. */
export function Toggle({id, label, description, checked, onChange, disabled = false, testId}: ToggleProps) {
  return (
    <div className="cn-toggle">
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="cn-toggle__input"
        checked={checked}
        aria-describedby={`${id}-description`}
        disabled={disabled}
        onChange={(e) => {
          onChange(e.target.checked);
        }}
        data-testid={testId}
      />
      <div>
        <label htmlFor={id} className="cn-toggle__label">
          {label}
        </label>
        <p id={`${id}-description`} className="muted">
          {description}
        </p>
      </div>
    </div>
  );
}

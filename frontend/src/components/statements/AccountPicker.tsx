import type {AccountChoice} from '../../lib/statements';

/** AccountPickerProps are the props of AccountPicker. */
export interface AccountPickerProps {
  accounts: readonly AccountChoice[];
  /** The chosen account IDs. */
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
  disabled?: boolean;
}

/**
 * AccountPicker chooses the accounts to export: all of them by default,
 * with one box to tick or clear them all.
 */
export function AccountPicker({accounts, selected, onChange, error, disabled = false}: AccountPickerProps) {
  const all = accounts.length > 0 && accounts.every((a) => selected.includes(a.id));
  const toggle = (id: string, on: boolean) => {
    // Keep the bank's order.
    onChange(accounts.filter((a) => (a.id === id ? on : selected.includes(a.id))).map((a) => a.id));
  };
  return (
    <fieldset className="sx-fieldset" disabled={disabled} data-testid="account-picker">
      <legend>Accounts</legend>
      <label className="sx-choice">
        <input
          type="checkbox"
          checked={all}
          onChange={(e) => {
            onChange(e.target.checked ? accounts.map((a) => a.id) : []);
          }}
          data-testid="accounts-all"
        />
        <span className="sx-choice__text">
          All accounts
        </span>
      </label>
      {accounts.map((a) => (
        <label key={a.id} className="sx-choice">
          <input
            type="checkbox"
            checked={selected.includes(a.id)}
            onChange={(e) => {
              toggle(a.id, e.target.checked);
            }}
            data-testid={`account-${a.id}`}
          />
          <span className="sx-choice__text">
            {a.label}
            <span className="hint">
              {a.number}
              {a.name ? ` · ${a.name}` : ''}
            </span>
          </span>
        </label>
      ))}
      {error ? (
        <p className="sx-error" role="alert" data-testid="accounts-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

import {useId} from 'react';

import {newRow, type EnvRow} from '../../lib/cardcode';

/** EnvEditorProps are the props of EnvEditor. */
export interface EnvEditorProps {
  rows: readonly EnvRow[];
  onChange: (rows: EnvRow[]) => void;
  /** Problems per field, keyed "variables.<row>.key" as the backend names them. */
  errors: Readonly<Record<string, string>>;
  /** onSave asks to save the rows (the view confirms the changes first). */
  onSave: () => void;
  dirty: boolean;
  busy?: boolean;
  /** When set, saving is disabled and this says why (Investec cannot be reached). */
  saveDisabledReason?: string;
}

/**
 * EnvEditor edits a card's environment variables as name and value pairs.
 * Values are text (Investec keeps every value as a string); names must be
 * JavaScript identifiers, and a problem is shown beside its row.
 */
export function EnvEditor({rows, onChange, errors, onSave, dirty, busy = false, saveDisabledReason}: EnvEditorProps) {
  const baseId = useId();
  const update = (i: number, patch: Partial<EnvRow>) => {
    onChange(rows.map((r, j) => (j === i ? {...r, ...patch} : r)));
  };
  return (
    <div className="cc-env" data-testid="env-editor">
      {rows.length === 0 ? <p className="muted">This card has no environment variables.</p> : null}
      {rows.length > 0 ? (
        <div className="cc-env__head hint" aria-hidden="true">
          <span>Name</span>
          <span>Value</span>
        </div>
      ) : null}
      <ul className="cc-env__rows">
        {rows.map((r, i) => {
          const keyError = errors[`variables.${i}.key`];
          const keyId = `${baseId}-k${r.id}`;
          const errId = `${baseId}-e${r.id}`;
          return (
            <li key={r.id} className="cc-env__row" data-testid="env-row">
              <label className="visually-hidden" htmlFor={keyId}>
                Name of variable {i + 1}
              </label>
              <input
                id={keyId}
                className="input cc-input"
                value={r.key}
                placeholder="name"
                spellCheck={false}
                autoComplete="off"
                aria-invalid={keyError ? true : undefined}
                aria-describedby={keyError ? errId : undefined}
                onChange={(e) => {
                  update(i, {key: e.target.value});
                }}
                data-testid="env-key"
              />
              <label className="visually-hidden" htmlFor={`${keyId}-v`}>
                Value of variable {r.key || i + 1}
              </label>
              <input
                id={`${keyId}-v`}
                className="input cc-input"
                value={r.value}
                placeholder="value"
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => {
                  update(i, {value: e.target.value});
                }}
                data-testid="env-value"
              />
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  onChange(rows.filter((_, j) => j !== i));
                }}
                data-testid="env-remove"
              >
                Remove<span className="visually-hidden"> variable {r.key || i + 1}</span>
              </button>
              {keyError ? (
                <p id={errId} className="cc-field-error" data-testid="env-error">
                  {keyError}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div className="row">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            onChange([...rows, newRow()]);
          }}
          data-testid="env-add"
        >
          Add variable
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={onSave}
          disabled={!dirty || busy || saveDisabledReason !== undefined}
          title={saveDisabledReason}
          data-testid="env-save"
        >
          Save variables…
        </button>
        {dirty ? <span className="muted">Unsaved changes</span> : null}
      </div>
    </div>
  );
}

import {useId, useState, type SyntheticEvent} from 'react';

import type {PayTemplate} from '../../lib/pay';
import {Field} from './Field';

/** TemplateBarProps are the props of TemplateBar. */
export interface TemplateBarProps {
  templates: readonly PayTemplate[];
  onUse: (t: PayTemplate) => void;
  onDelete: (t: PayTemplate) => void;
  /** onSave saves what the form holds now under name. */
  onSave: (name: string) => void;
  canSave: boolean;
  busy?: boolean;
  error?: string | undefined;
  /** The name of the template just saved, to say so. */
  savedName?: string | undefined;
}

/**
 * TemplateBar lists the saved templates of the current kind (using one
 * fills in the form; it still goes through review and confirmation) and
 * saves the form as a new one.
 */
export function TemplateBar({templates, onUse, onDelete, onSave, canSave, busy = false, error, savedName}: TemplateBarProps) {
  const id = useId();
  const [name, setName] = useState('');
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    onSave(name);
  };
  return (
    <div className="section" data-testid="pay-templates">
      {templates.length > 0 ? (
        <ul className="pay-templates" aria-label="Templates">
          {templates.map((t) => (
            <li key={t.id} className="button-group pay-template">
              <button
                type="button"
                onClick={() => {
                  onUse(t);
                }}
                data-testid="pay-template-use"
              >
                {t.name}
              </button>
              <button
                type="button"
                aria-label={`Delete the template ${t.name}`}
                onClick={() => {
                  onDelete(t);
                }}
                data-testid="pay-template-delete"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No templates yet. Fill in the form and save it as a template to reuse it.</p>
      )}
      <form className="row" onSubmit={submit} noValidate>
        <Field id={`${id}-name`} label="Save the form as a template" error={error} errorTestId="field-error-name">
          {(c) => (
            <input
              {...c}
              className="input field__input pay-input"
              placeholder="e.g. Monthly saving"
              value={name}
              disabled={busy || !canSave}
              data-testid="pay-template-name"
              onChange={(e) => {
                setName(e.target.value);
              }}
            />
          )}
        </Field>
        <button type="submit" className="button button--secondary" disabled={busy || !canSave} data-testid="pay-template-save">
          Save template
        </button>
        {savedName ? (
          <span role="status" className="muted">
            Saved “{savedName}”.
          </span>
        ) : null}
      </form>
    </div>
  );
}

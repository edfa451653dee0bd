import {useId} from 'react';

import {formatDate} from '../../lib/format';
import {taxYearLabel, type Period, type PeriodPreset, type PeriodRequest} from '../../lib/statements';

/** PeriodPickerProps are the props of PeriodPicker. */
export interface PeriodPickerProps {
  value: PeriodRequest;
  onChange: (v: PeriodRequest) => void;
  /** The tax years to offer, by the year they start in, newest first. */
  taxYears: readonly number[];
  /** The current tax year's start (what "last tax year" is relative to). */
  currentTaxYear: number;
  /** The dates the backend resolved the choice to, when known. */
  resolved?: Period;
  /** Problems per field from the backend (preset, month, taxYear, from, to). */
  errors: Readonly<Record<string, string>>;
  disabled?: boolean;
}

const presets: readonly {preset: PeriodPreset; label: string}[] = [
  {preset: 'last_tax_year', label: 'Last tax year'},
  {preset: 'tax_year', label: 'A tax year'},
  {preset: 'last_month', label: 'Last month'},
  {preset: 'month', label: 'A month'},
  {preset: 'custom', label: 'Custom dates'},
];

/**
 * PeriodPicker chooses the dates an export covers: the last (complete) tax
 * year, any tax year (1 March to the end of February), last month, any
 * month, or custom dates. It shows the dates the choice resolves to.
 */
export function PeriodPicker({value, onChange, taxYears, currentTaxYear, resolved, errors, disabled = false}: PeriodPickerProps) {
  const id = useId();
  const set = (patch: Partial<PeriodRequest>) => {
    onChange({...value, ...patch});
  };
  const hint = (p: PeriodPreset): string => {
    switch (p) {
      case 'last_tax_year':
        return `${taxYearLabel(currentTaxYear - 1)}: what an accountant usually asks for`;
      case 'tax_year':
        return '1 March to the end of February';
      case 'last_month':
        return 'The calendar month before this one';
      case 'month':
        return 'Any calendar month';
      case 'custom':
        return 'Any range of days, by posting date';
    }
  };
  const err = (field: string) => errors[field];
  const invalid = (field: string) =>
    err(field) ? {'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-err`} : {};

  return (
    <fieldset className="sx-fieldset" disabled={disabled} data-testid="period-picker">
      <legend>Period</legend>
      {presets.map(({preset, label}) => (
        <div key={preset}>
          <label className="sx-choice">
            <input
              type="radio"
              name={`${id}-preset`}
              value={preset}
              checked={value.preset === preset}
              onChange={() => {
                set({preset});
              }}
              data-testid={`period-${preset}`}
            />
            <span className="sx-choice__text">
              {label}
              <span className="hint">{hint(preset)}</span>
            </span>
          </label>
          {value.preset === preset && preset === 'tax_year' ? (
            <div className="sx-sub">
              <div className="sx-field">
                <label htmlFor={`${id}-taxYear`}>Tax year</label>
                <select
                  id={`${id}-taxYear`}
                  className="input"
                  value={value.taxYear || currentTaxYear}
                  onChange={(e) => {
                    set({taxYear: Number(e.target.value)});
                  }}
                  {...invalid('taxYear')}
                  data-testid="period-tax-year"
                >
                  {taxYears.map((y) => (
                    <option key={y} value={y}>
                      {taxYearLabel(y)}
                    </option>
                  ))}
                </select>
                <FieldError id={`${id}-taxYear-err`} message={err('taxYear')} />
              </div>
            </div>
          ) : null}
          {value.preset === preset && preset === 'month' ? (
            <div className="sx-sub">
              <PeriodInput
                id={`${id}-month`}
                label="Month"
                type="month"
                value={value.month}
                error={err('month')}
                onChange={(month) => {
                  set({month});
                }}
                testId="period-month"
              />
            </div>
          ) : null}
          {value.preset === preset && preset === 'custom' ? (
            <div className="sx-sub">
              <PeriodInput
                id={`${id}-from`}
                label="From"
                type="date"
                value={value.from}
                error={err('from')}
                onChange={(from) => {
                  set({from});
                }}
                testId="period-from"
              />
              <PeriodInput
                id={`${id}-to`}
                label="To"
                type="date"
                value={value.to}
                error={err('to')}
                onChange={(to) => {
                  set({to});
                }}
                testId="period-to"
              />
            </div>
          ) : null}
        </div>
      ))}
      <p className="hint" data-testid="period-resolved" aria-live="polite">
        {resolved ? `${formatDate(resolved.from)} to ${formatDate(resolved.to)}, by posting date` : '\u00a0'}
      </p>
    </fieldset>
  );
}

interface PeriodInputProps {
  id: string;
  label: string;
  type: 'month' | 'date';
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  testId: string;
}

/** PeriodInput is the month, or one of the custom dates, with its problem under it. */
function PeriodInput({id, label, type, value, error, onChange, testId}: PeriodInputProps) {
  return (
    <div className="sx-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={`input${error ? ' sx-input--invalid' : ''}`}
        type={type}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
        {...(error ? {'aria-invalid': true, 'aria-describedby': `${id}-err`} : {})}
        data-testid={testId}
      />
      <FieldError id={`${id}-err`} message={error} />
    </div>
  );
}

/** FieldError shows one field's problem, if any. */
export function FieldError({id, message}: {id: string; message?: string | undefined}) {
  if (!message) {
    return null;
  }
  return (
    <p id={id} className="sx-error" role="alert">
      {message}
    </p>
  );
}

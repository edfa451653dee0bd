import {memo, useId, useState, type RefObject} from 'react';

import {parseMoney} from '../../lib/format';
import {activeFilterCount, defaultFilters, type TxFilters} from '../../lib/review/filters';
import {periodPresets, presetRange, taxYearLabel, taxYearStart, type PeriodPreset} from '../../lib/review/periods';
import type {CalendarDate} from '../../lib/format';
import type {StatusFilter} from '../../lib/review/types';
import {CompactField, CompactSelect, type Choice} from '../Field';
import {directionChoices, typeLabel} from './cells';
import {SearchBox} from './SearchBox';

const statusChoices: readonly Choice<StatusFilter>[] = [
  {value: 'all', label: 'Posted and pending'},
  {value: 'posted', label: 'Posted'},
  {value: 'pending', label: 'Pending'},
];

/** TransactionFiltersProps are the props of TransactionFilters. */
export interface TransactionFiltersProps {
  filters: TxFilters;
  /** Called with the search text once typing pauses (SearchBox). */
  onSearch: (text: string) => void;
  searchPauseMs: number;
  /** Applies a change to the filters (merged with them as they are then). */
  onChange: (change: Partial<TxFilters>) => void;
  accounts: Choice[];
  types: string[];
  /** Called when the person opens the type list (it is loaded lazily). */
  onWantTypes: () => void;
  categories: string[];
  today: CalendarDate;
  searchRef: RefObject<HTMLInputElement | null>;
}

/**
 * TransactionFilters is the filter bar: search as you type (the "/" key
 * jumps here), accounts, period presets (months, SA tax years, custom
 * dates), direction, status, transaction types, categories and an amount
 * range. Amounts are read exactly (parseMoney); a bad one is shown beside
 * its field and not applied.
 */
export const TransactionFilters = memo(function TransactionFilters(props: TransactionFiltersProps) {
  const {filters, onSearch, searchPauseMs, onChange, accounts, types, onWantTypes, categories, today, searchRef} = props;
  const id = useId();
  const set = onChange;
  const presetTitle = (p: PeriodPreset): string | undefined => {
    if (p === 'tax-year') {
      return taxYearLabel(taxYearStart(today));
    }
    if (p === 'last-tax-year') {
      return taxYearLabel(taxYearStart(today) - 1);
    }
    return undefined;
  };
  const range = filters.period === 'custom' ? {from: filters.from, to: filters.to} : presetRange(filters.period, today);
  const active = activeFilterCount(filters);

  return (
    <div className="tx-filters" role="search" aria-label="Find transactions" data-testid="tx-filters">
      <SearchBox value={filters.q} onSearch={onSearch} pauseMs={searchPauseMs} inputRef={searchRef} />

      <MultiChoice
        label="Accounts"
        all="All accounts"
        choices={accounts}
        selected={filters.accounts}
        onChange={(accounts) => {
          set({accounts});
        }}
        testId="filter-accounts"
      />

      <CompactField id={`${id}-period`} label="Period">
        {(control) => (
          <select
            {...control}
            className="select"
            value={filters.period}
            onChange={(e) => {
              const period = e.target.value as PeriodPreset;
              // Switching to custom starts from the dates shown so far.
              set(period === 'custom' ? {period, from: range.from, to: range.to} : {period, from: '', to: ''});
            }}
            data-testid="filter-period"
          >
            {periodPresets.map((p) => (
              <option key={p.id} value={p.id} title={presetTitle(p.id)}>
                {p.id === 'tax-year' || p.id === 'last-tax-year' ? `${p.label}: ${presetTitle(p.id) ?? ''}` : p.label}
              </option>
            ))}
          </select>
        )}
      </CompactField>
      {filters.period === 'custom' ? (
        <>
          <CompactField id={`${id}-from`} label="From">
            {(control) => (
              <input
                {...control}
                className="input input--date"
                type="date"
                value={filters.from}
                max={filters.to || undefined}
                onChange={(e) => {
                  set({from: e.target.value});
                }}
                data-testid="filter-from"
              />
            )}
          </CompactField>
          <CompactField id={`${id}-to`} label="To">
            {(control) => (
              <input
                {...control}
                className="input input--date"
                type="date"
                value={filters.to}
                min={filters.from || undefined}
                onChange={(e) => {
                  set({to: e.target.value});
                }}
                data-testid="filter-to"
              />
            )}
          </CompactField>
        </>
      ) : null}

      <CompactSelect
        id={`${id}-dir`}
        label="Money"
        value={filters.direction}
        choices={directionChoices}
        onChange={(direction) => {
          set({direction});
        }}
        testId="filter-direction"
      />

      <CompactSelect
        id={`${id}-status`}
        label="Status"
        value={filters.status}
        choices={statusChoices}
        onChange={(status) => {
          set({status});
        }}
        testId="filter-status"
      />

      <MultiChoice
        label="Type"
        all="All types"
        choices={types.map((t) => ({value: t, label: typeLabel(t)}))}
        selected={filters.types}
        onChange={(types) => {
          set({types});
        }}
        onOpen={onWantTypes}
        testId="filter-types"
      />

      <MultiChoice
        label="Category"
        all="All categories"
        choices={[{value: '', label: 'Uncategorised'}, ...categories.map((c) => ({value: c, label: c}))]}
        selected={filters.categories}
        onChange={(categories) => {
          set({categories});
        }}
        testId="filter-categories"
      />

      <AmountField
        label="Min amount"
        value={filters.min}
        onApply={(min) => {
          set({min});
        }}
        testId="filter-min"
      />
      <AmountField
        label="Max amount"
        value={filters.max}
        onApply={(max) => {
          set({max});
        }}
        testId="filter-max"
      />

      {active > 0 || filters.q !== '' ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            onChange({...defaultFilters, sort: filters.sort, descending: filters.descending});
          }}
          data-testid="filter-clear"
        >
          Clear filters{active > 0 ? ` (${String(active)})` : ''}
        </button>
      ) : null}
    </div>
  );
});

/** MultiChoice is a drop-down list of check boxes; none checked means all. */
function MultiChoice(props: {
  label: string;
  all: string;
  choices: Choice[];
  selected: string[];
  onChange: (selected: string[]) => void;
  onOpen?: () => void;
  testId: string;
}) {
  const {label, all, choices, selected, onChange, onOpen, testId} = props;
  const summary =
    selected.length === 0
      ? all
      : selected.length === 1
        ? (choices.find((c) => c.value === selected[0])?.label ?? selected[0])
        : `${String(selected.length)} selected`;
  return (
    <div className="field field--compact">
      <span className="field__label">{label}</span>
      <details
        className="choices"
        data-testid={testId}
        onToggle={(e) => {
          if (e.currentTarget.open) {
            onOpen?.();
          }
        }}
      >
        <summary aria-label={`${label}: ${summary ?? ''}`}>{summary}</summary>
        <fieldset className="choices__list">
          <legend className="visually-hidden">{label}</legend>
          {choices.length === 0 ? <span className="muted">Loading…</span> : null}
          {choices.map((c) => (
            <label key={c.value}>
              <input
                type="checkbox"
                checked={selected.includes(c.value)}
                onChange={(e) => {
                  onChange(e.target.checked ? [...selected, c.value] : selected.filter((s) => s !== c.value));
                }}
              />
              {c.label}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}

/**
 * AmountField takes an amount in rands and applies it when the person
 * leaves the field or presses Enter, if it is an exact amount.
 */
function AmountField({label, value, onApply, testId}: {label: string; value: string; onApply: (v: string) => void; testId: string}) {
  const id = useId();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  const [error, setError] = useState('');
  if (shown !== value) {
    // The filter changed elsewhere (Back, Clear): show it.
    setShown(value);
    setText(value);
    setError('');
  }
  const apply = () => {
    const t = text.trim();
    if (t === '') {
      setError('');
      if (value !== '') {
        onApply('');
      }
      return;
    }
    const p = parseMoney(t);
    if (!p.ok) {
      setError(p.error);
      return;
    }
    setError('');
    if (t !== value) {
      onApply(t);
    }
  };
  return (
    <div className="field field--compact">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input input--amount"
        inputMode="decimal"
        placeholder="R"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
        }}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            apply();
          }
        }}
        aria-invalid={error !== ''}
        aria-describedby={error !== '' ? `${id}-error` : undefined}
        data-testid={testId}
      />
      {error !== '' ? (
        <span id={`${id}-error`} className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

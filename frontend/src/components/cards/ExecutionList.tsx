import {useId, useMemo} from 'react';

import type {CardExecution, TransactionLink} from '../../lib/cardcode';
import {filterExecutions, type ExecutionFilter} from '../../lib/cardcode';
import {ChoiceSelect, Field, type Choice} from '../Field';
import {ExecutionItem} from './ExecutionItem';

const sourceChoices: readonly Choice<ExecutionFilter['source']>[] = [
  {value: 'all', label: 'Anywhere'},
  {value: 'real', label: 'Real card transactions'},
  {value: 'simulated', label: 'Investec simulations'},
  {value: 'local', label: 'Local emulator'},
];

const typeChoices: readonly Choice<ExecutionFilter['type']>[] = [
  {value: 'all', label: 'All types'},
  {value: 'before_transaction', label: 'Before transaction'},
  {value: 'after_transaction', label: 'After transaction'},
  {value: 'after_decline', label: 'After decline'},
];

const resultChoices: readonly Choice<ExecutionFilter['result']>[] = [
  {value: 'all', label: 'Approved or declined'},
  {value: 'approved', label: 'Approved'},
  {value: 'declined', label: 'Declined'},
];

/** ExecutionListProps are the props of ExecutionList. */
export interface ExecutionListProps {
  executions: readonly CardExecution[];
  filter: ExecutionFilter;
  onFilter: (f: ExecutionFilter) => void;
  transactionHref: (link: TransactionLink) => string;
  /** How many executions to show at most (the newest). */
  limit?: number;
}

/**
 * ExecutionList is a card's execution log with filters: type, approved or
 * declined, where it ran (real, Investec simulation, local emulator) and
 * words to find.
 */
export function ExecutionList({executions, filter, onFilter, transactionHref, limit = 100}: ExecutionListProps) {
  const id = useId();
  const shown = useMemo(() => filterExecutions(executions, filter), [executions, filter]);
  const set = (patch: Partial<ExecutionFilter>) => {
    onFilter({...filter, ...patch});
  };
  return (
    <div className="cc-log-list" data-testid="execution-log">
      <div className="cc-filters" role="group" aria-label="Filter the execution log">
        <Field id={`${id}-source`} label="Ran">
          {(control) => (
            <ChoiceSelect
              {...control}
              className="input cc-input"
              value={filter.source}
              choices={sourceChoices}
              onChange={(source) => {
                set({source});
              }}
              testId="filter-source"
            />
          )}
        </Field>
        <Field id={`${id}-type`} label="Type">
          {(control) => (
            <ChoiceSelect
              {...control}
              className="input cc-input"
              value={filter.type}
              choices={typeChoices}
              onChange={(type) => {
                set({type});
              }}
              testId="filter-type"
            />
          )}
        </Field>
        <Field id={`${id}-result`} label="Result">
          {(control) => (
            <ChoiceSelect
              {...control}
              className="input cc-input"
              value={filter.result}
              choices={resultChoices}
              onChange={(result) => {
                set({result});
              }}
              testId="filter-result"
            />
          )}
        </Field>
        <div className="field cc-field--grow">
          <label htmlFor={`${id}-text`}>Find</label>
          <input
            id={`${id}-text`}
            className="input cc-input"
            type="search"
            placeholder="Words in the logs or errors"
            value={filter.text}
            onChange={(e) => {
              set({text: e.target.value});
            }}
            data-testid="filter-text"
          />
        </div>
      </div>
      <p className="muted" aria-live="polite" data-testid="execution-count">
        {shown.length === executions.length
          ? `${executions.length} execution${executions.length === 1 ? '' : 's'}`
          : `${shown.length} of ${executions.length} executions`}
        {shown.length > limit ? `; the newest ${limit} are shown` : ''}
      </p>
      <div className="cc-log-list__items">
        {shown.slice(0, limit).map((e) => (
          <ExecutionItem key={`${e.source}-${e.id}`} execution={e} transactionHref={transactionHref} showDate />
        ))}
      </div>
    </div>
  );
}

import {useId, useMemo} from 'react';

import type {CardExecution, TransactionLink} from '../../lib/cardcode';
import {filterExecutions, type ExecutionFilter} from '../../lib/cardcode';
import {ExecutionItem} from './ExecutionItem';

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
        <div className="field">
          <label htmlFor={`${id}-source`}>Ran</label>
          <select
            id={`${id}-source`}
            className="input cc-input"
            value={filter.source}
            onChange={(e) => {
              set({source: e.target.value as ExecutionFilter['source']});
            }}
            data-testid="filter-source"
          >
            <option value="all">Anywhere</option>
            <option value="real">Real card transactions</option>
            <option value="simulated">Investec simulations</option>
            <option value="local">Local emulator</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>Type</label>
          <select
            id={`${id}-type`}
            className="input cc-input"
            value={filter.type}
            onChange={(e) => {
              set({type: e.target.value as ExecutionFilter['type']});
            }}
            data-testid="filter-type"
          >
            <option value="all">All types</option>
            <option value="before_transaction">Before transaction</option>
            <option value="after_transaction">After transaction</option>
            <option value="after_decline">After decline</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-result`}>Result</label>
          <select
            id={`${id}-result`}
            className="input cc-input"
            value={filter.result}
            onChange={(e) => {
              set({result: e.target.value as ExecutionFilter['result']});
            }}
            data-testid="filter-result"
          >
            <option value="all">Approved or declined</option>
            <option value="approved">Approved</option>
            <option value="declined">Declined</option>
          </select>
        </div>
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

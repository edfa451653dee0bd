/**
 * Pure helpers of the card code workbench: filtering the execution log,
 * the environment variable rows, and describing executions. No API calls.
 */
import type {CardExecution, EnvVar, ExecutionSource} from './api/cards';

// Components may not import the gateway; they take the workbench's types
// from here.
export type {
  Card,
  CardCodeState,
  CardCodeVersion,
  CardExecution,
  CardExecutionLog,
  CardReferenceData,
  CardTemplate,
  CodeCheck,
  CodeVersion,
  EnvChange,
  EnvVar,
  ExecutionLog,
  ExecutionSource,
  RefItem,
  SimulationMode,
  SimulationRequest,
  SimulationResult,
  TransactionLink,
} from './api/cards';

/** ExecutionFilter selects executions in the log; 'all' means no constraint. */
export interface ExecutionFilter {
  type: 'all' | 'before_transaction' | 'after_transaction' | 'after_decline';
  result: 'all' | 'approved' | 'declined';
  source: 'all' | ExecutionSource;
  /** Words to find in the logs, the error or the linked transaction (case-insensitive). */
  text: string;
}

/** emptyFilter selects every execution. */
export const emptyFilter: ExecutionFilter = {type: 'all', result: 'all', source: 'all', text: ''};

/**
 * filterExecutions returns the executions f selects, in their order. The
 * result filter looks at beforeTransaction's decision, so "declined" keeps
 * declined authorizations and the after_decline runs that followed them,
 * and "approved" keeps approved ones and after_transaction runs.
 */
export function filterExecutions(list: readonly CardExecution[], f: ExecutionFilter): CardExecution[] {
  const words = f.text.toLowerCase().split(/\s+/).filter((w) => w !== '');
  return list.filter((e) => {
    if (f.type !== 'all' && e.type !== f.type) {
      return false;
    }
    if (f.source !== 'all' && e.source !== f.source) {
      return false;
    }
    if (f.result !== 'all' && outcomeOf(e) !== f.result) {
      return false;
    }
    if (words.length === 0) {
      return true;
    }
    const hay = [
      e.type,
      e.error,
      e.id,
      ...e.logs.map((l) => l.content),
      e.local?.merchantName ?? '',
      e.transaction?.description ?? '',
    ]
      .join('\n')
      .toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** outcomeOf says whether an execution belongs to an approved or a declined authorization, if known. */
export function outcomeOf(e: CardExecution): 'approved' | 'declined' | undefined {
  if (e.type === 'before_transaction') {
    return e.approved === undefined ? undefined : e.approved ? 'approved' : 'declined';
  }
  if (e.type === 'after_decline') {
    return 'declined';
  }
  if (e.type === 'after_transaction') {
    return 'approved';
  }
  return undefined;
}

/** typeLabels names the execution types for people. */
export const typeLabels: Record<string, string> = {
  before_transaction: 'Before transaction',
  after_transaction: 'After transaction',
  after_decline: 'After decline',
  after_reversal: 'After reversal',
  after_adjustment: 'After adjustment',
};

/** sourceLabels names where an execution ran, plainly. */
export const sourceLabels: Record<ExecutionSource, string> = {
  real: 'Real card transaction',
  simulated: 'Investec simulation',
  local: 'Local emulator',
};

/** EnvRow is an environment variable row being edited; id keeps React keys stable. */
export interface EnvRow extends EnvVar {
  id: number;
}

let nextRowId = 1;

/** toRows turns variables into editable rows. */
export function toRows(vars: readonly EnvVar[]): EnvRow[] {
  return vars.map((v) => ({id: nextRowId++, key: v.key, value: v.value}));
}

/** newRow returns an empty row. */
export function newRow(): EnvRow {
  return {id: nextRowId++, key: '', value: ''};
}

/** fromRows turns rows back into variables, in row order. */
export function fromRows(rows: readonly EnvRow[]): EnvVar[] {
  return rows.map((r) => ({key: r.key, value: r.value}));
}

/**
 * envDiffers reports whether the rows would change the saved variables
 * (order does not matter; an exact copy does not differ).
 */
export function envDiffers(saved: readonly EnvVar[], rows: readonly EnvRow[]): boolean {
  if (saved.length !== rows.length) {
    return true;
  }
  const m = new Map(saved.map((v) => [v.key, v.value]));
  return rows.some((r) => m.get(r.key) !== r.value) || new Set(rows.map((r) => r.key)).size !== rows.length;
}

/**
 * mergeTemplateEnv adds a template's suggested variables to the rows,
 * keeping the values of variables the rows already have.
 */
export function mergeTemplateEnv(rows: readonly EnvRow[], suggested: readonly EnvVar[]): EnvRow[] {
  const have = new Set(rows.map((r) => r.key));
  return [...rows, ...toRows(suggested.filter((v) => !have.has(v.key)))];
}

/** shortId shortens a long ID for display, e.g. "0C4F…9A1B". */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}

/** clockTime formats an instant as local time with milliseconds, e.g. "14:05:03.127"; "" if unreadable. */
export function clockTime(instant: string): string {
  const d = new Date(instant);
  if (instant === '' || Number.isNaN(d.getTime())) {
    return '';
  }
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** durationMs returns how long an execution took in milliseconds, or undefined. */
export function durationMs(startedAt: string, completedAt: string): number | undefined {
  const a = Date.parse(startedAt);
  const b = Date.parse(completedAt);
  return Number.isNaN(a) || Number.isNaN(b) || b < a ? undefined : b - a;
}

/** offlineReason says why the online-only actions are unavailable while Investec cannot be reached. */
export const offlineReason = 'Saving, publishing and running on Investec need the connection.';

/**
 * cardsAsOf returns when the cached cards were last seen at Investec (the
 * oldest fetch time among them, ISO), or undefined when they are live.
 */
export function cardsAsOf(cards: readonly {cached: boolean; fetchedAt: string}[]): string | undefined {
  const cached = cards.filter((c) => c.cached);
  if (cached.length === 0) {
    return undefined;
  }
  return cached.map((c) => c.fetchedAt).reduce((a, b) => (b !== '' && (a === '' || b < a) ? b : a), '');
}

/** offlineNotice is the plain sentence the Cards view shows while it works from the cache. */
export function offlineNotice(lastSeen: string): string {
  const when = lastSeen === '' ? '' : ` as last seen ${lastSeen}`;
  return `Offline: showing your cards${when}. Run locally works; ${offlineReason.charAt(0).toLowerCase()}${offlineReason.slice(1)}`;
}

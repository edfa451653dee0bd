import {useCallback, useEffect, useState, useSyncExternalStore} from 'react';

import {AppError, canListen, on} from '../lib/api';
import {
  cancelExport,
  exportAccounts,
  exportPlan,
  runExport,
  showExport,
  chooseExportPath,
  type AccountChoice,
  type ExportOutcome,
  type ExportPlan,
  type ExportProgress,
  type ExportRequest,
} from '../lib/api/export';
import {useLoadOnce, type Once} from './useLoad';

/**
 * ExportRun is the state of the export this window started: idle, running
 * (with its latest progress), done, cancelled or failed. It lives outside
 * any component, so leaving the Export view and coming back shows the
 * export still running, or how it ended.
 */
export type ExportRun =
  | {status: 'idle'}
  | {status: 'running'; request: ExportRequest; accountIds: string[]; progress?: ExportProgress; cancelling: boolean}
  | {status: 'done'; request: ExportRequest; outcome: ExportOutcome}
  | {status: 'cancelled'; request: ExportRequest}
  | {status: 'error'; request: ExportRequest; error: AppError};

let run: ExportRun = {status: 'idle'};
const listeners = new Set<() => void>();

function set(next: ExportRun): void {
  run = next;
  for (const l of listeners) {
    l();
  }
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function snapshot(): ExportRun {
  return run;
}

/**
 * startExport runs an export unless one is running. accountIds are the
 * accounts in the order they are written, for the progress estimate.
 */
export function startExport(request: ExportRequest, accountIds: string[]): void {
  if (run.status === 'running') {
    return;
  }
  set({status: 'running', request, accountIds, cancelling: false});
  const off = canListen()
    ? on('export:progress', (p) => {
        if (run.status === 'running' && run.request === request) {
          set({...run, progress: p});
        }
      })
    : undefined;
  runExport(request).then(
    (outcome) => {
      off?.();
      set({status: 'done', request, outcome});
    },
    (e: unknown) => {
      off?.();
      const error = AppError.from(e);
      set(error.code === 'cancelled' ? {status: 'cancelled', request} : {status: 'error', request, error});
    },
  );
}

/** stopExport asks the backend to cancel the running export. */
export function stopExport(): void {
  if (run.status !== 'running' || run.cancelling) {
    return;
  }
  set({...run, cancelling: true});
  cancelExport().catch(() => undefined);
}

/** resetExport forgets a finished export (not a running one). */
export function resetExport(): void {
  if (run.status !== 'running') {
    set({status: 'idle'});
  }
}

/** UseExport is the window's export and what can be done with it. */
export interface UseExport {
  run: ExportRun;
  start: (request: ExportRequest, accountIds: string[]) => void;
  cancel: () => void;
  reset: () => void;
  /** show opens the finished export's folder; it rejects with an AppError. */
  show: (path: string) => Promise<void>;
}

/** useExport follows the window's export. */
export function useExport(): UseExport {
  const current = useSyncExternalStore(subscribe, snapshot);
  return {run: current, start: startExport, cancel: stopExport, reset: resetExport, show: showExport};
}

/** AccountsState is what useExportAccounts knows. */
export type AccountsState = Once<AccountChoice[]>;

/** useExportAccounts loads the cached accounts the forms offer. */
export function useExportAccounts(): AccountsState {
  return useLoadOnce(exportAccounts);
}

/** PlanState is the plan of the request on the form, or why there is none. */
export interface PlanState {
  /** The request the answer is for. */
  key: string;
  plan?: ExportPlan;
  error?: AppError;
}

/**
 * useExportPlan resolves the form's request (period dates, default path)
 * whenever it changes; an answer for an older request is dropped. plan is
 * undefined while the newest answer is on its way.
 */
export function useExportPlan(request: ExportRequest | undefined): {plan?: ExportPlan; error?: AppError; loading: boolean} {
  const key = request ? JSON.stringify({...request, path: ''}) : '';
  const [state, setState] = useState<PlanState>({key: ''});
  useEffect(() => {
    if (key === '') {
      return undefined;
    }
    let live = true;
    exportPlan(JSON.parse(key) as ExportRequest).then(
      (plan) => {
        if (live) {
          setState({key, plan});
        }
      },
      (e: unknown) => {
        if (live) {
          setState({key, error: AppError.from(e)});
        }
      },
    );
    return () => {
      live = false;
    };
  }, [key]);
  if (!request || state.key !== key) {
    return {loading: Boolean(request)};
  }
  return {plan: state.plan, error: state.error, loading: false};
}

/** useChoosePath opens the save dialog for a request; it resolves to '' when cancelled. */
export function useChoosePath(): (request: ExportRequest) => Promise<string> {
  return useCallback((request: ExportRequest) => chooseExportPath(request), []);
}

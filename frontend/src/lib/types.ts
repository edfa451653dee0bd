/**
 * App-friendly names for the types that cross the bridge. Import types from
 * here (not from wailsjs/ or src/lib/api/models) in hooks, components and
 * views.
 */
export type {
  AppInfo,
  AppStatus,
  Connection,
  Money,
  NetState,
  NetStatus,
  ShellReport,
  SyncPhase,
  SyncProgress,
  SyncRun,
} from './api/models';
export type {ErrorCode, FieldProblem} from './api/errors';

/** Theme is the colour scheme in use. */
export type Theme = 'light' | 'dark';

/**
 * The API gateway: the only module that talks to the Go backend. Views and
 * hooks import from here; nothing outside src/lib/api imports wailsjs/*
 * (ESLint enforces it).
 */
export {appInfo, asNetState, shellReady, status} from './app';
export {hasBindings as backendAvailable} from './bridge';
export {call} from './call';
export {AppError, Codes, isAppError} from './errors';
export type {ErrorCode, FieldProblem} from './errors';
export {Events, canListen, on} from './events';
export type {BackendEvents, EventName} from './events';

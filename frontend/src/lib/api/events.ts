import {EventsOn} from '../../../wailsjs/runtime/runtime';
import {hasRuntime, bridgeUnavailableMessage} from './bridge';
import {AppError} from './errors';
import type {NetStatus, SyncProgress, SyncRun} from './models';

/**
 * BackendEvents maps each event the Go backend emits (the Event* constants
 * in backend/domain/sync.go) to the type of its payload.
 */
export interface BackendEvents {
  'sync:progress': SyncProgress;
  'sync:done': SyncRun;
  'net:status': NetStatus;
}

/** EventName is the name of a backend event. */
export type EventName = keyof BackendEvents;

/** Events names each backend event, as a value. */
export const Events = {
  SyncProgress: 'sync:progress',
  SyncDone: 'sync:done',
  NetStatus: 'net:status',
} as const satisfies Record<string, EventName>;

/**
 * on subscribes cb to the backend event name and returns a function that
 * unsubscribes (call it from a useEffect cleanup). It throws an AppError
 * with code `bridge_unavailable` outside the app; check canListen() first
 * where running without the backend is expected.
 */
export function on<K extends EventName>(name: K, cb: (payload: BackendEvents[K]) => void): () => void {
  if (!hasRuntime()) {
    throw new AppError('bridge_unavailable', bridgeUnavailableMessage);
  }
  return EventsOn(name, (...data: unknown[]) => {
    cb(data[0] as BackendEvents[K]);
  });
}

/** canListen reports whether backend events can be subscribed to. */
export function canListen(): boolean {
  return hasRuntime();
}

import {hasBindings, bridgeUnavailableMessage} from './bridge';
import {AppError} from './errors';

/**
 * call runs one bound Go method and returns its result. Every failure
 * becomes an AppError: the backend's {code, message, fields}, or
 * `bridge_unavailable` when the page runs without the Go backend, so a
 * caller never sees a raw TypeError about window.go.
 *
 *     const info = await call(() => AppInfo());
 */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  if (!hasBindings()) {
    throw new AppError('bridge_unavailable', bridgeUnavailableMessage);
  }
  try {
    return await fn();
  } catch (e) {
    throw AppError.from(e);
  }
}

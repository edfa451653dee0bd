/**
 * The Wails bridge, as far as the gateway needs to know it. Wails injects
 * window.go (bound Go methods) and window.runtime (events, window control)
 * through /wails/ipc.js and /wails/runtime.js. Neither exists in plain vite,
 * in Vitest, or in a browser pointed at the vite server instead of wails dev.
 */
interface WailsWindow {
  go?: {main?: {App?: Record<string, unknown>}};
  runtime?: {EventsOnMultiple?: unknown};
}

function wailsWindow(): WailsWindow | undefined {
  return typeof window === 'undefined' ? undefined : (window as unknown as WailsWindow);
}

/** hasBindings reports whether the bound Go methods (window.go.main.App) exist. */
export function hasBindings(): boolean {
  return typeof wailsWindow()?.go?.main?.App === 'object';
}

/** hasRuntime reports whether the Wails runtime (events) exists. */
export function hasRuntime(): boolean {
  return typeof wailsWindow()?.runtime?.EventsOnMultiple === 'function';
}

/** bridgeUnavailableMessage explains, for developers, what is missing. */
export const bridgeUnavailableMessage =
  'The Investec Desk backend is not available: this page is not running inside the app ' +
  '(open it through `wails dev` on http://localhost:34115, or run the desktop app).';

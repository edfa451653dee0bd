import {baseURL} from '../playwright.config';

const howToStart =
  'Start the app first, from the repository root:\n' +
  '  xvfb-run -a -s "-screen 0 1280x800x24" timeout 900 ~/go/bin/wails dev -m -nosyncgomod -nogorebuild -skipbindings \\\n' +
  '    -tags "webkit2_41 sqlite_fts5" -devserver localhost:34115 -appargs "--data-dir $(mktemp -d)"\n' +
  'and wait until `curl -s http://localhost:34115` answers (the first start compiles everything: 2–3 minutes).';

/**
 * globalSetup fails fast, with instructions, when nothing serves the app at
 * E2E_BASE_URL, or when what answers is a plain vite server without the
 * Wails bridge (every backend check would then fail for the wrong reason).
 */
export default async function globalSetup(): Promise<void> {
  let html: string;
  try {
    const res = await fetch(baseURL, {signal: AbortSignal.timeout(10_000)});
    html = await res.text();
    if (!res.ok) {
      throw new Error(`HTTP ${res.status}`);
    }
  } catch (e) {
    throw new Error(`Nothing serves the app at ${baseURL} (${String(e)}).\n${howToStart}`);
  }
  if (!html.includes('/wails/ipc.js')) {
    throw new Error(`${baseURL} serves a page without the Wails bridge (/wails/ipc.js): is it plain vite instead of wails dev?\n${howToStart}`);
  }
}

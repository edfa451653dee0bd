import type {Plugin} from 'vite';

/**
 * The Content-Security-Policy of the production build. Everything the app
 * loads is same-origin: its own bundle, and the two scripts Wails injects
 * into index.html at run time (/wails/runtime.js and /wails/ipc.js). Styles
 * allow 'unsafe-inline' for React `style` props; no script may be inline and
 * nothing may be fetched from another origin.
 *
 * frame-ancestors is left out: browsers ignore it in a <meta> policy (and
 * log an error saying so); it only works as an HTTP header, and the app's
 * webview has no parent frame anyway.
 */
export const productionCSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The meta element carrying {@link productionCSP}. */
export function cspMetaTag(policy: string = productionCSP): string {
  return `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
}

/**
 * cspPlugin injects the Content-Security-Policy meta element right after the
 * charset declaration (or at the top of <head>), so it governs every script
 * and stylesheet of the page, for `vite build` only: the dev server needs inline scripts for
 * React Fast Refresh, and `wails dev` serves that dev server.
 */
export function cspPlugin(policy: string = productionCSP): Plugin {
  return {
    name: 'investec-desk:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html: string): string {
        if (html.includes('http-equiv="Content-Security-Policy"')) {
          throw new Error('index.html already has a Content-Security-Policy meta element');
        }
        const anchor = /<meta\s+charset=[^>]*>/i.exec(html) ?? /<head[^>]*>/i.exec(html);
        if (!anchor) {
          throw new Error('index.html has no <head> to put the Content-Security-Policy in');
        }
        const at = anchor.index + anchor[0].length;
        return `${html.slice(0, at)}\n    ${cspMetaTag(policy)}${html.slice(at)}`;
      },
    },
  };
}

// @vitest-environment node
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

import {describe, expect, it} from 'vitest';

import {cspMetaTag, cspPlugin, productionCSP} from './csp';

function transform(html: string): string {
  const hook = cspPlugin().transformIndexHtml;
  if (typeof hook !== 'object' || !('handler' in hook)) {
    throw new Error('cspPlugin has no transformIndexHtml handler');
  }
  const handler = hook.handler as (html: string) => string;
  return handler(html);
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('productionCSP', () => {
  const d = directives(productionCSP);

  it('allows scripts from the app itself only', () => {
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(productionCSP).not.toContain('unsafe-eval');
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('closes everything else down', () => {
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('font-src')).toEqual(["'self'", 'data:']);
  });

  it('names no other origin', () => {
    expect(productionCSP).not.toMatch(/https?:/);
  });
});

describe('cspPlugin', () => {
  it('runs for builds only', () => {
    expect(cspPlugin().apply).toBe('build');
  });

  it('puts the policy right after the charset', () => {
    const out = transform('<!DOCTYPE html><html><head>\n<meta charset="UTF-8"/>\n<title>x</title></head><body></body></html>');
    const charset = out.indexOf('<meta charset');
    const csp = out.indexOf(cspMetaTag());
    expect(csp).toBeGreaterThan(charset);
    expect(csp).toBeLessThan(out.indexOf('<title>'));
  });

  it('puts the policy first in <head> without a charset', () => {
    const out = transform('<html><head lang="en"><script src="/a.js"></script></head></html>');
    expect(out.indexOf(cspMetaTag())).toBeLessThan(out.indexOf('<script'));
  });

  it('refuses a page that already has a policy or has no head', () => {
    expect(() => transform(`<html><head>${cspMetaTag()}</head></html>`)).toThrow(/already/);
    expect(() => transform('<html><body></body></html>')).toThrow(/no <head>/);
  });

  it('transforms the real index.html', () => {
    const html = readFileSync(fileURLToPath(new URL('../index.html', import.meta.url)), 'utf8');
    const out = transform(html);
    expect(out).toContain(cspMetaTag());
    expect(out).toContain('<title>Investec Desk</title>');
    // Nothing is loaded from the network: no absolute URLs at all.
    expect(html).not.toMatch(/(https?:)?\/\/[a-z]/i);
  });
});

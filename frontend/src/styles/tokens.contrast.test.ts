// @vitest-environment node
//
// Checks the colour tokens against WCAG 2.x contrast in both themes: 4.5:1
// for text (including credit and debit amounts), 3:1 for focus rings.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

import {describe, expect, it} from 'vitest';

const css = readFileSync(fileURLToPath(new URL('./tokens.css', import.meta.url)), 'utf8');

function tokens(block: string): Map<string, string> {
  return new Map([...block.matchAll(/(--color-[\w-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1] ?? '', (m[2] ?? '').toLowerCase()]));
}

const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');
const light = tokens(css.slice(0, darkAt));
const dark = new Map([...light, ...tokens(css.slice(darkAt))]);

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const text: [string, string][] = [
  ['--color-text', '--color-bg'],
  ['--color-text', '--color-surface'],
  ['--color-text', '--color-surface-muted'],
  ['--color-text-muted', '--color-bg'],
  ['--color-text-muted', '--color-surface'],
  ['--color-text-muted', '--color-surface-muted'],
  ['--color-accent', '--color-bg'],
  ['--color-accent', '--color-surface'],
  ['--color-accent-hover', '--color-surface'],
  ['--color-accent', '--color-accent-soft'],
  ['--color-on-accent', '--color-accent'],
  ['--color-on-accent', '--color-accent-hover'],
  ['--color-credit', '--color-surface'],
  ['--color-credit', '--color-bg'],
  ['--color-credit', '--color-surface-muted'],
  ['--color-debit', '--color-surface'],
  ['--color-debit', '--color-bg'],
  ['--color-debit', '--color-surface-muted'],
  ['--color-info-text', '--color-info-bg'],
  ['--color-warning-text', '--color-warning-bg'],
  ['--color-danger-text', '--color-danger-bg'],
  ['--color-sidebar-text', '--color-sidebar-bg'],
  ['--color-sidebar-muted', '--color-sidebar-bg'],
  ['--color-sidebar-active-text', '--color-sidebar-active-bg'],
];

const nonText: [string, string][] = [
  ['--color-focus', '--color-bg'],
  ['--color-focus', '--color-surface'],
  ['--color-sidebar-focus', '--color-sidebar-bg'],
  ['--color-sidebar-focus', '--color-sidebar-active-bg'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme', (_, theme) => {
  const get = (name: string) => {
    const v = theme.get(name);
    if (!v) {
      throw new Error(`token ${name} missing`);
    }
    return v;
  };

  it.each(text)('%s on %s is readable text (4.5:1)', (fg, bg) => {
    expect(contrast(get(fg), get(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(nonText)('%s on %s is a visible ring (3:1)', (fg, bg) => {
    expect(contrast(get(fg), get(bg))).toBeGreaterThanOrEqual(3);
  });

  it('tells credit from debit', () => {
    expect(get('--color-credit')).not.toBe(get('--color-debit'));
  });
});

describe('contrast', () => {
  it('matches the WCAG reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('dark tokens override light ones', () => {
    expect(dark.get('--color-bg')).not.toBe(light.get('--color-bg'));
    expect(dark.size).toBe(light.size);
  });
});

// @vitest-environment node
//
// Proves that the architecture rules in eslint.config.js fire: each case
// lints a snippet as if it were the given file and expects the rule's error.
import {ESLint} from 'eslint';
import {describe, expect, it} from 'vitest';

// typescript-eslint infers a "single run" when CI=true and then lints the file
// on disk, not the text passed to lintText; these snippets are linted as
// text, so that inference is switched off.
const eslint = new ESLint({
  cwd: import.meta.dirname,
  overrideConfig: {languageOptions: {parserOptions: {disallowAutomaticSingleRunInference: true}}},
});

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, {filePath});
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('eslint.config.js', {timeout: 120_000}, () => {
  it('allows the gateway to import the generated bindings', async () => {
    const ids = await ruleIds('src/lib/api/app.ts', "import {AppInfo} from '../../../wailsjs/go/main/App';\nexport const f = AppInfo;\n");
    expect(ids).toEqual([]);
  });

  it.each([
    ['src/views/DashboardView.tsx', "import {AppInfo} from '../../wailsjs/go/main/App';\nexport const f = AppInfo;\n"],
    ['src/hooks/useAppInfo.ts', "import {EventsOn} from '../../wailsjs/runtime/runtime';\nexport const f = EventsOn;\n"],
    ['src/lib/format/money.ts', "import {domain} from '../../../wailsjs/go/models';\nexport const f = domain;\n"],
  ])('forbids wailsjs imports in %s', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-imports');
  });

  it('forbids components from calling the API', async () => {
    const ids = await ruleIds('src/components/Money.tsx', "import {appInfo} from '../lib/api';\nexport const f = appInfo;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  it.each([
    ["export const A = (p: {html: string}) => <div dangerouslySetInnerHTML={{__html: p.html}} />;\n"],
    ["import {createElement} from 'react';\nexport const a = (h: string) => createElement('div', {dangerouslySetInnerHTML: {__html: h}});\n"],
    ["export function f(el: HTMLElement, s: string) {\n  el.innerHTML = s;\n}\n"],
    ["export function f(el: HTMLElement, s: string) {\n  el.outerHTML = s;\n}\n"],
    ["export function f(el: HTMLElement, s: string) {\n  el.insertAdjacentHTML('beforeend', s);\n}\n"],
    ["export function f(s: string) {\n  document.write(s);\n}\n"],
  ])('forbids rendering HTML strings: %s', async (code) => {
    expect(await ruleIds('src/views/DashboardView.tsx', code)).toContain('no-restricted-syntax');
  });
});

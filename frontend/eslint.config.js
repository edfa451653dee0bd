// ESLint flat config. Besides the usual TypeScript and React rules it
// enforces the frontend's architecture (style.md §20):
//   - only src/lib/api/* may import the Wails-generated wailsjs/* modules;
//   - components/* are presentational and may not import the API gateway;
//   - nothing renders HTML from strings (no dangerouslySetInnerHTML,
//     innerHTML, outerHTML, insertAdjacentHTML, document.write), because
//     merchant names and notes are untrusted text.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const wailsImport = {
  group: ['**/wailsjs', '**/wailsjs/**', 'wailsjs/**'],
  message: 'Only src/lib/api/* may import the generated Wails bindings; import from src/lib/api instead.',
};

const apiImport = {
  group: ['**/lib/api', '**/lib/api/**'],
  message: 'Components are presentational: pass data and callbacks in as props; views and hooks call the API.',
};

const noHTMLInjection = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'Never render HTML from strings: untrusted text must stay text.',
  },
  {
    selector: "Property[key.name='dangerouslySetInnerHTML']",
    message: 'Never render HTML from strings: untrusted text must stay text.',
  },
  {
    selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]",
    message: 'Never assign HTML strings to the DOM: use textContent or React.',
  },
  {
    selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/]",
    message: 'Never write HTML strings into the document.',
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'wailsjs/**', 'e2e/screenshots/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.test.json', './tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      'no-restricted-syntax': ['error', ...noHTMLInjection],
      'no-restricted-imports': ['error', {patterns: [wailsImport]}],
      '@typescript-eslint/restrict-template-expressions': ['error', {allowNumber: true}],
      'no-console': ['error', {allow: ['warn', 'error']}],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {globals: globals.browser},
    plugins: {'react-hooks': reactHooks},
    rules: reactHooks.configs['recommended-latest'].rules,
  },
  {
    files: ['src/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    // The gateway is the one place allowed to touch the generated bindings.
    files: ['src/lib/api/**/*.ts'],
    rules: {'no-restricted-imports': 'off'},
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {'no-restricted-imports': ['error', {patterns: [wailsImport, apiImport]}]},
  },
  {
    files: ['vite.config.ts', 'vitest.config.ts', 'playwright.config.ts', 'vite/**/*.ts', 'e2e/**/*.ts'],
    languageOptions: {globals: globals.node},
    rules: {'no-console': 'off'},
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js'],
    languageOptions: {globals: globals.node},
  },
);

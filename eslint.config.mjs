// ESLint (flat config): type-aware typescript-eslint, the Office add-in rules, and the layer
// boundaries — the pure core may not reach Excel, Office, React, the file system or the edges.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

const edgeImports = [
  { group: ['react', 'react-dom', 'react/*', '@fluentui/*'], message: 'The core is pure: no React.' },
  {
    group: ['exceljs', 'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process'],
    message: 'The core is pure: no files, no Node APIs, no ExcelJS.',
  },
  { group: ['**/office/**', '**/xlsx/**', '**/cli/**', '**/taskpane/**'], message: 'The core may not import an edge.' },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-e2e/**',
      'out/**',
      'node_modules/**',
      'coverage/**',
      'artifacts/**',
      '**/*.cjs',
      '**/*.mjs',
      'bin/**',
      'webpack.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'office-addins': officeAddins },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/call-sync-after-load': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  {
    // ExcelJS objects have Office-like method names (getCell, getColumn): the Office.js rules misfire there
    files: ['src/xlsx/**/*.ts', 'test/xlsx/**/*.ts', 'src/cli/**/*.ts', 'scripts/**/*.ts', 'test/support/fill.ts'],
    rules: Object.fromEntries(Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, 'off'])),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: edgeImports }],
      'no-restricted-globals': [
        'error',
        { name: 'Excel', message: 'The core is pure: no Excel.' },
        { name: 'Office', message: 'The core is pure: no Office.' },
        { name: 'process', message: 'The core is pure: no process.' },
        { name: 'require', message: 'The core is pure.' },
      ],
    },
  },
  // the edges: each may import the core and nothing above it; the front ends what they run on
  {
    files: ['src/office/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/xlsx/**', '**/cli/**', '**/taskpane/**'], message: 'The Office edge imports the core only.' }] },
      ],
    },
  },
  {
    files: ['src/xlsx/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/office/**', '**/cli/**', '**/taskpane/**'], message: 'The file edge imports the core only.' }] },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/office/**', '**/taskpane/**', 'react', '@fluentui/*'],
              message: 'The command line runs on the core and the file edge.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/taskpane/**/*.ts', 'src/taskpane/**/*.tsx', 'src/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/**', 'node:*', 'fs', 'path', 'child_process'],
              message: 'The task pane runs in a browser: no command line, no Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
);

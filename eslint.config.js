// ESLint flat config: typed rules for the TypeScript sources, and the purity of the core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers, from the bottom: src/core (pure: data in, data out), src/adapters (files, packs,
// keys, locks, workers), src/render and src/prompts (the two front ends), src/commands (thin:
// options in, result out), src/cli.ts (exit codes). Each may import only from below it; the
// shared kernel (errors.ts, context.ts, diagnostics.ts) is open to all. docs/architecture.md.
const io = (where) => [
  { name: 'node:fs', message: `${where}: files are read and written in src/adapters/.` },
  { name: 'node:fs/promises', message: `${where}: files are read and written in src/adapters/.` },
  { name: 'node:os', message: `${where}: the machine is reached through src/adapters/.` },
  { name: 'node:child_process', message: `${where}: no processes.` },
  { name: 'node:worker_threads', message: `${where}: worker threads live in src/adapters/.` },
  { name: 'node:process', message: `${where}: no process access.` },
  { name: 'mammoth', message: `${where}: drafts are read in src/adapters/read-draft.ts.` },
];
const frontEnds = [
  { name: 'chalk', message: 'Colour belongs to src/render/theme.ts.' },
  { name: 'commander', message: 'commander belongs to src/cli.ts.' },
  { name: '@inquirer/prompts', message: 'Only src/prompts/ touches the terminal.' },
];
const above = (...layers) =>
  layers.map((layer) => ({
    group: [`**/${layer}/**`, `**/${layer}.js`],
    message: `This layer may not import from src/${layer}: imports run down the layers (docs/architecture.md).`,
  }));
const fence = (files, paths, patterns, extra = {}) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: { 'no-restricted-imports': ['error', { paths, patterns }], ...extra },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'schemas/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']",
          message: 'Throw a typed error; only src/cli.ts decides the exit code.',
        },
      ],
    },
  },
  // The fences: one block per layer (a file is in exactly one of them).
  fence(
    ['src/core/**/*.ts'],
    [...io('The core is pure'), ...frontEnds],
    above('adapters', 'render', 'prompts', 'commands', 'cli'),
    { 'no-restricted-globals': ['error', { name: 'process', message: 'The core is pure.' }] },
  ),
  fence(['src/adapters/**/*.ts'], frontEnds, above('render', 'prompts', 'commands', 'cli')),
  fence(
    ['src/render/**/*.ts'],
    [...io('Rendering is pure'), ...frontEnds.filter((p) => p.name !== 'chalk')],
    above('adapters', 'prompts', 'commands', 'cli'),
  ),
  fence(['src/prompts/**/*.ts'], [], above('adapters', 'commands', 'cli')),
  fence(
    ['src/commands/**/*.ts'],
    frontEnds.filter((p) => p.name !== 'chalk'),
    above('cli'),
  ),
  {
    files: ['**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);

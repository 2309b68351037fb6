// ESLint flat config: typed rules for the TypeScript sources, and the purity of the core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const effects = [
  { name: 'chalk', message: 'The core is pure: render in src/render or src/commands.' },
  { name: 'commander', message: 'The core is pure: commander belongs to src/cli.ts.' },
  { name: '@inquirer/prompts', message: 'Only src/prompts/ touches the terminal.' },
  { name: 'node:fs', message: 'The core is pure: files are read in src/io/.' },
  { name: 'node:fs/promises', message: 'The core is pure: files are read in src/io/.' },
  { name: 'node:process', message: 'The core is pure: no process access.' },
  { name: 'node:child_process', message: 'The core is pure.' },
];

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
  // The later block wins for a rule, so the core's stricter list comes last.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/prompts/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@inquirer/prompts', message: 'Only src/prompts/ touches the terminal.' },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/checklist/**/*.ts',
      'src/scan/**/*.ts',
      'src/signing/dsse.ts',
      'src/signing/statement.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...effects],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'The core is pure.' }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);

// Lint rules that guard the architecture (see CONVENTIONS.md): no import cycles,
// and a domain that imports no framework.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const frameworks = ['grammy', '@grammyjs/*', 'fastify', '@fastify/*', 'ccxt', 'drizzle-orm', 'drizzle-orm/*', 'bullmq', 'ioredis', 'openai', 'openai/*', 'pino', 'postgres', '@electric-sql/*'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.parley/**', 'migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // The domain speaks through ports it owns.
    files: ['src/trading/**/*.ts', 'src/risk/**/*.ts', 'src/signals/**/*.ts', 'src/alerts/**/*.ts', 'src/market/*.ts', 'src/nlu/contract*.ts', 'src/nlu/offline/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/market/live-*.ts', 'src/market/ccxt-*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: frameworks, message: 'The domain imports no framework: define a port and implement it in an adapter.' }] }],
    },
  },
  {
    // Plain Node scripts (no TypeScript): Node's globals.
    files: ['**/*.mjs'],
    languageOptions: { globals: { URL: 'readonly', console: 'readonly', process: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.ts', 'src/nlu/parse-cli.ts', 'test/**/*.ts', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);

// Lint rules that guard the architecture (see CONVENTIONS.md): no import cycles,
// and a domain that imports no framework.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const frameworks = ['grammy', '@grammyjs/*', 'fastify', '@fastify/*', 'ccxt', 'drizzle-orm', 'drizzle-orm/*', 'bullmq', 'ioredis', 'openai', 'openai/*', 'pino', 'postgres', '@electric-sql/*'];
const noFrameworks = { group: frameworks, message: 'The domain imports no framework: define a port and implement it in an adapter.' };
const tensorflowInMlOnly = [
  { group: ['@tensorflow/*'], message: 'TensorFlow.js is used in src/signals/ml and src/lab/rl only (tfjs-*.ts), behind the DirectionModel and Policy ports.' },
  { group: ['**/ml/tfjs-*'], message: 'Speak to models through ml/direction-model.ts; the composition root builds the TensorFlow.js implementation.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.parley/**', 'migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The web view's own scripts run in the browser (a page and its service worker), not in Node.
  {
    files: ['public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        ['window', 'document', 'navigator', 'location', 'history', 'sessionStorage', 'fetch', 'URL', 'URLSearchParams', 'WebSocket', 'Intl', 'setTimeout', 'setInterval', 'clearInterval', 'clearTimeout', 'self', 'caches'].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    languageOptions: { parserOptions: { projectService: false } },
    plugins: { 'import-x': importX },
    // ESM TypeScript imports name the emitted '.js': resolve them to the '.ts' source, or the
    // import rules (cycles, layers) would silently see nothing.
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'], extensionAlias: { '.js': ['.ts', '.js'] } })] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // The layers: the domain never reaches into an adapter, the database never into a channel,
    // and interfaces reach the database only through the use cases (ports they are given).
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.contract.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./src/trading', './src/routing', './src/risk', './src/signals', './src/lab', './src/alerts', './src/market', './src/accounts', './src/notifications', './src/assistant', './src/nlu'],
              from: ['./src/exchange', './src/db', './src/bot', './src/api', './src/jobs', './src/compose', './src/config'],
              message: 'The domain speaks through ports it owns: an adapter implements them, the composition root wires them.',
            },
            { target: './src/db', from: ['./src/bot', './src/api', './src/jobs', './src/compose'], message: 'Repositories store and load for the core; they know no channel.' },
            { target: ['./src/bot', './src/api'], from: ['./src/db', './src/compose'], message: 'Interfaces call use cases and ports; the composition root hands them the repositories.' },
            { target: './src/exchange', from: ['./src/bot', './src/api', './src/jobs', './src/compose'], message: 'Exchange adapters know no interface.' },
            { target: './src/jobs', from: ['./src/bot', './src/api', './src/db', './src/compose'], message: 'Job handlers call use cases.' },
          ],
        },
      ],
    },
  },
  {
    // The domain speaks through ports it owns.
    files: ['src/trading/**/*.ts', 'src/risk/**/*.ts', 'src/signals/**/*.ts', 'src/lab/**/*.ts', 'src/alerts/**/*.ts', 'src/market/*.ts', 'src/nlu/contract*.ts', 'src/nlu/offline/**/*.ts', 'src/accounts/**/*.ts', 'src/notifications/**/*.ts', 'src/assistant/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/market/live-*.ts', 'src/market/ccxt-*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noFrameworks, ...tensorflowInMlOnly] }],
    },
  },
  {
    // TensorFlow.js is a library the signals' ML adapter uses (src/signals/ml/tfjs-*.ts, behind the
    // DirectionModel port); the signals-eval CLI builds it, as the composition root does. The lab's
    // reinforcement-learning agent is the other TensorFlow.js adapter (src/lab/rl/tfjs-*.ts, behind
    // the Policy port), built by the rl CLI.
    files: ['src/signals/ml/**/*.ts', 'src/signals/signals-eval-cli.ts', 'src/lab/rl/tfjs-*.ts', 'src/lab/rl/rl-cli.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noFrameworks] }],
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

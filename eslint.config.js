// Lint rules, including the layering agreed in ARCHITECTURE.md:
// the engine is pure, commands know no platform or database, only the store knows SQL.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const io = ['pg', 'kysely', 'kysely-*', '@electric-sql/*', 'discord.js', '@discordjs/*', '@slack/*', 'node-cron', '@anthropic-ai/sdk', 'pino'];
const nodeIo = ['fs', 'node:fs', 'fs/*', 'node:fs/*', 'child_process', 'node:child_process', 'http', 'node:http', 'net', 'node:net'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly', fetch: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'commands/**/*.ts', 'adapters/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only src/config.ts reads the environment.' }],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/schema/**/*.ts', 'src/domain/**/*.ts', 'src/cards/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...io, ...nodeIo], message: 'The engine, schema, domain and cards are pure: no I/O imports.' }] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass `now` in; pure code never reads the clock.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass `now` in; pure code never reads the clock.' }, { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only src/config.ts reads the environment.' }],
    },
  },
  {
    files: ['commands/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['discord.js', '@discordjs/*', '@slack/*', 'kysely', 'pg', '@electric-sql/*', '**/src/store', '**/src/store/**', '../adapters/**'], message: 'Commands are platform- and database-neutral: call the run service, return a Reply.' }] }],
    },
  },
  {
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['kysely', 'pg', '@electric-sql/*', '**/src/store', '**/src/store/**'], message: 'Adapters never touch the store: go through commands/.' }] }],
    },
  },
  {
    // The run pages' one script runs in the browser.
    files: ['src/web/static/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', location: 'readonly', CSS: 'readonly', window: 'readonly' } },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../src/**', '../../src/**'], message: 'Migrations are frozen in time: never import app code.' }] }],
    },
  },
);

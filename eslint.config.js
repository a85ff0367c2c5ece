// Lint rules, and the room boundaries of docs/architecture.md that the compiler alone cannot see.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const sodiumOnlyHere = ['web/crypto/sodium.ts', 'server/crypto/sodium.ts'];
const dbOnlyHere = ['server/db/**/*.ts', 'tests/**/*.ts'];

const restrict = (paths, patterns = []) => ['error', { paths, patterns }];
const sodium = {
  name: 'libsodium-wrappers-sumo',
  allowTypeImports: true,
  message:
    'Only web/crypto/sodium.ts and server/crypto/sodium.ts load libsodium; take it injected.',
};
const dbDrivers = ['kysely', 'better-sqlite3', 'pg'].map((name) => ({
  name,
  message:
    'Only server/db/ talks to the database drivers; import types from server/db/database.ts.',
}));
const intoServer = {
  group: ['**/server/**', '../server', '../../server'],
  message: 'web/ and shared/ never import server/.',
};
const intoWeb = {
  group: ['**/web/**', '../web', '../../web'],
  message: 'server/ and shared/ never import web/.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [sodium, ...dbDrivers, { name: 'hono' }, { name: 'preact' }],
        [
          intoServer,
          intoWeb,
          { group: ['node:*'], message: 'shared/ runs in browsers too: no Node modules.' },
        ],
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: [...sodiumOnlyHere, ...dbOnlyHere],
    rules: { 'no-restricted-imports': restrict([sodium, ...dbDrivers], [intoWeb]) },
  },
  {
    // Frozen migrations take Kysely<any>: they must not depend on today's table types.
    files: ['server/db/migrations/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['server/db/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([sodium], [intoWeb]) },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    ignores: sodiumOnlyHere,
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    rules: { 'no-restricted-imports': restrict([sodium, ...dbDrivers], [intoServer]) },
  },
  {
    files: ['tests/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([sodium]) },
  },
);

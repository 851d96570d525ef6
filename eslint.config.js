// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Each third-party library is imported by one folder only, so swapping it is a change to one folder. */
const owners = [
  { name: 'kafkajs', folder: 'src/kafka/' },
  { name: 'avsc', folder: 'src/event/' },
  { name: 'koa', folder: 'src/http/' },
  { name: '@koa/router', folder: 'src/http/' },
  { name: 'koa-bodyparser', folder: 'src/http/' },
  { name: 'better-sqlite3', folder: 'src/spool/' },
  { name: 'prom-client', folder: 'src/metrics/' },
  { name: '@opentelemetry/api', folder: 'src/http/' },
];

/** @param {string} files @param {typeof owners} banned */
function restrictImports(files, banned) {
  const paths = banned.map(({ name, folder }) => ({
    name,
    message: `only ${folder} imports ${name}; go through its port`,
  }));
  return { files: [files], rules: { 'no-restricted-imports': ['error', { paths }] } };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.kafka-local/', '.tools/', 'helm/', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] } },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  restrictImports('src/**/*.ts', owners),
  ...[...new Set(owners.map((o) => o.folder))].map((folder) =>
    restrictImports(
      `${folder}**/*.ts`,
      owners.filter((o) => o.folder !== folder),
    ),
  ),
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain Node scripts that run before node_modules exists (scripts/ensure-deps.mjs, scripts/dev.mjs).
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);

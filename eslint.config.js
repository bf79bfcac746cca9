// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Dependencies point one way: main, renderer and server import shared; never each other,
 * and shared imports no platform at all. `boundaries` is exported for the test that proves
 * these rules fire (scripts/lint-boundaries.test.ts).
 */
const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'worker_threads',
];

const forbid = (folders, message) =>
  folders.map((folder) => ({ group: [`**/${folder}/**`, `${folder}/**`], message }));

export const boundaries = {
  shared: [
    ...forbid(
      ['main', 'renderer', 'server'],
      'shared/ is pure: it may not import main/, renderer/ or server/.',
    ),
    {
      group: [
        'electron',
        'electron/*',
        'react',
        'react-dom',
        'react/*',
        'antd',
        'antd/*',
        'rxdb',
        'rxdb/*',
        'dexie',
        'fastify',
        'pg',
        '@electric-sql/*',
        ...NODE_BUILTINS,
      ],
      message: 'shared/ is pure: no platform, UI, storage or Node imports.',
    },
  ],
  main: [
    ...forbid(['renderer', 'server'], 'main/ may import shared/ only.'),
    {
      group: ['react', 'react-dom', 'antd', 'rxdb', 'rxdb/*', 'fastify', 'pg', '@electric-sql/*'],
      message: 'main/ is thin: no UI, storage or server code.',
    },
  ],
  renderer: [
    ...forbid(
      ['main', 'server'],
      'renderer/ may import shared/ only; reach the platform through the port.',
    ),
    {
      group: ['electron', 'electron/*', 'fastify', 'pg', '@electric-sql/*', ...NODE_BUILTINS],
      message: 'renderer/ runs in a sandbox: use the platform port.',
    },
  ],
  server: [
    ...forbid(['main', 'renderer'], 'server/ may import shared/ only.'),
    {
      group: ['electron', 'electron/*', 'react', 'react-dom', 'antd', 'rxdb', 'rxdb/*'],
      message: 'server/ has no UI or client storage.',
    },
  ],
};

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['shared/**/*.ts'], rules: restrict(boundaries.shared) },
  {
    files: ['main/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(boundaries.main),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts', 'renderer/e2e/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...restrict(boundaries.renderer) },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(boundaries.server),
  },
  {
    // Integration tests of the app's sync client start a real town server in-process.
    files: ['renderer/src/**/*.integration.test.ts'],
    languageOptions: {
      globals: globals.node,
      // renderer/tsconfig.json leaves them out (they need Node's types); their own project.
      parserOptions: {
        projectService: false,
        project: './renderer/tsconfig.integration.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);

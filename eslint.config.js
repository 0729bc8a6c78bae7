// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** UI libraries that only src/ui may import. */
const UI_LIBRARIES = [
  'react',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
  '@xyflow/*',
  'monaco-editor',
  'monaco-editor/*',
  'monaco-yaml',
  '@xterm/*',
];

/**
 * Layers import only downwards: ui -> worker -> kubectl -> sim. `layersAbove` lists the
 * src/ folders a layer must not import from.
 * @param {string[]} layersAbove
 */
function forbidLayers(layersAbove) {
  return {
    regex: `^(\\.\\./)+(${layersAbove.join('|')})(/|$)`,
    message: 'Layers import only downwards: ui -> worker -> kubectl -> sim (see ARCHITECTURE.md).',
  };
}

const UI_MESSAGE = 'src/sim and src/kubectl are UI-free: they run in Node and in the worker.';

/** Sources of nondeterminism that src/sim must not touch: the kernel clock and RNG replace them. */
const TIME_AND_RANDOM = 'The simulation is deterministic: use the kernel clock, event queue and RNG.';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+sim(/|$)',
              allowTypeImports: true,
              message:
                'src/ui talks to the simulation through src/worker; it imports src/sim only for types.',
            },
            { regex: '^(\\.\\./)+server(/|$)', message: 'src/server is Node only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbidLayers(['ui', 'server']),
            { group: UI_LIBRARIES, message: 'The worker layer is UI-free.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/kubectl/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [forbidLayers(['ui', 'worker', 'server']), { group: UI_LIBRARIES, message: UI_MESSAGE }],
        },
      ],
    },
  },
  {
    // Tests may start the HTTP apiserver (src/server/harness) to compare with the real kubectl.
    files: ['src/kubectl/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [forbidLayers(['ui', 'worker']), { group: UI_LIBRARIES, message: UI_MESSAGE }] },
      ],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbidLayers(['ui', 'worker', 'kubectl', 'server']),
            { group: UI_LIBRARIES, message: UI_MESSAGE },
            { group: ['node:*'], message: 'src/sim runs in the browser too: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: TIME_AND_RANDOM },
        { object: 'Math', property: 'random', message: TIME_AND_RANDOM },
        { object: 'performance', property: 'now', message: TIME_AND_RANDOM },
        { object: 'globalThis', property: 'setTimeout', message: TIME_AND_RANDOM },
        { object: 'globalThis', property: 'setInterval', message: TIME_AND_RANDOM },
        { object: 'crypto', property: 'getRandomValues', message: TIME_AND_RANDOM },
        { object: 'crypto', property: 'randomUUID', message: TIME_AND_RANDOM },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'setTimeout',
          'setInterval',
          'setImmediate',
          'requestAnimationFrame',
          'queueMicrotask',
          'performance',
        ].map((name) => ({ name, message: TIME_AND_RANDOM })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: TIME_AND_RANDOM },
        { selector: "CallExpression[callee.name='Date']", message: TIME_AND_RANDOM },
      ],
    },
  },
);

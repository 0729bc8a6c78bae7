import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { editorSchemas } from './src/server/editor-schemas-plugin';
import { offlineAssets } from './src/server/offline-plugin';

export default defineConfig({
  // Relative asset URLs, so the built site works from any sub-path and any static server.
  base: './',
  plugins: [react(), editorSchemas(), offlineAssets()],
  resolve: {
    alias: [
      // monaco-yaml's worker (through monaco-worker-manager) imports Monaco's pre-0.56 paths,
      // which monaco-editor's package exports no longer map: point them at the files.
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' },
    ],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // Many tests run whole simulated clusters: seconds of work on a busy machine. Speed is
    // measured by the benchmarks, not by test timeouts.
    testTimeout: 30_000,
  },
});

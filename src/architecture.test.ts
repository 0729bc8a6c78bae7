import { ESLint } from 'eslint';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of ARCHITECTURE.md are enforced by ESLint and by compiling src/sim without
 * the DOM. These tests feed deliberate violations through the project's own configuration,
 * so a weakened rule fails `npm test`.
 */
const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function lintRules(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe('layer rules (ESLint)', () => {
  it.each([
    ['src/sim/kernel/probe.ts', 'export const t = Date.now();', 'no-restricted-properties'],
    ['src/sim/kernel/probe.ts', 'export const r = Math.random();', 'no-restricted-properties'],
    ['src/sim/kernel/probe.ts', 'export const t = performance.now();', 'no-restricted-globals'],
    ['src/sim/kernel/probe.ts', 'setTimeout(() => {}, 10);', 'no-restricted-globals'],
    ['src/sim/kernel/probe.ts', 'setInterval(() => {}, 10);', 'no-restricted-globals'],
    ['src/sim/kernel/probe.ts', 'globalThis.setTimeout(() => {}, 10);', 'no-restricted-properties'],
    ['src/sim/kernel/probe.ts', 'export const d = new Date();', 'no-restricted-syntax'],
    [
      'src/sim/kernel/probe.ts',
      "import React from 'react';\nexport const r = React;",
      'no-restricted-imports',
    ],
    [
      'src/sim/probe.ts',
      "import { create } from 'zustand';\nexport const c = create;",
      'no-restricted-imports',
    ],
    [
      'src/sim/probe.ts',
      "import { ReactFlow } from '@xyflow/react';\nexport const f = ReactFlow;",
      'no-restricted-imports',
    ],
    [
      'src/sim/probe.ts',
      "import * as monaco from 'monaco-editor';\nexport const m = monaco;",
      'no-restricted-imports',
    ],
    [
      'src/sim/probe.ts',
      "import { Terminal } from '@xterm/xterm';\nexport const t = Terminal;",
      'no-restricted-imports',
    ],
    [
      'src/sim/kernel/probe.ts',
      "import { App } from '../../ui/App';\nexport const a = App;",
      'no-restricted-imports',
    ],
    [
      'src/sim/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
      'no-restricted-imports',
    ],
    [
      'src/kubectl/probe.ts',
      "import { useState } from 'react';\nexport const u = useState;",
      'no-restricted-imports',
    ],
    [
      'src/kubectl/probe.ts',
      "import { App } from '../ui/App';\nexport const a = App;",
      'no-restricted-imports',
    ],
    [
      'src/worker/probe.ts',
      "import { App } from '../ui/App';\nexport const a = App;",
      'no-restricted-imports',
    ],
    [
      'src/ui/probe.ts',
      "import { Kernel } from '../sim/kernel/kernel';\nexport const k = new Kernel({ seed: 1, epoch: 0 });",
      '@typescript-eslint/no-restricted-imports',
    ],
  ])('%s: `%s` is rejected by %s', async (file, code, rule) => {
    expect(await lintRules(file, code)).toContain(rule);
  });

  it.each([
    [
      'src/sim/kernel/probe.ts',
      "import type { Kernel } from './kernel';\nexport const now = (k: Kernel) => k.clock.now();",
    ],
    ['src/sim/probe.ts', 'export const stamp = new Date(0).toISOString();'],
    ['src/ui/probe.ts', "import type { TraceStep } from '../sim/kernel/trace';\nexport type S = TraceStep;"],
    ['src/worker/probe.ts', "import { Kernel } from '../sim/kernel/kernel';\nexport const k = Kernel;"],
  ])('%s: `%s` is allowed', async (file, code) => {
    expect(await lintRules(file, code)).toEqual([]);
  });
});

describe('src/sim compiles without the DOM or Node', () => {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.sim.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );

  function diagnostics(code: string): string[] {
    if (!config) throw new Error('tsconfig.sim.json did not parse');
    const probe = path.join(root, 'src/sim/probe.ts');
    const host = ts.createCompilerHost(config.options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (f) => (path.resolve(f) === probe ? code : readFile(f));
    host.fileExists = (f) => path.resolve(f) === probe || fileExists(f);
    const program = ts.createProgram([probe], config.options, host);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  it.each([
    ['document.title', "Cannot find name 'document'"],
    ['window.location', "Cannot find name 'window'"],
    ['setTimeout(() => {}, 1)', "Cannot find name 'setTimeout'"],
    ['process.exit(1)', "Cannot find name 'process'"],
  ])('`%s` does not compile', (expr, message) => {
    expect(diagnostics(`export const probe = () => ${expr};`).join('\n')).toContain(message);
  });

  it('plain TypeScript compiles', () => {
    expect(diagnostics('export const probe = (xs: number[]) => xs.map((x) => x * 2);')).toEqual([]);
  });
});

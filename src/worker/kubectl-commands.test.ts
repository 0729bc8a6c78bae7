import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findKubectl } from '../server/harness';
import { flagsOf } from './command-line';
import { COMMANDS, GLOBAL_FLAGS, subcommandsOf } from './kubectl-commands';

describe('the kubectl command table', () => {
  it('knows every command kubectl v1.32 has', () => {
    expect(subcommandsOf('').map((c) => c.path)).toContain('get');
    expect(subcommandsOf('').map((c) => c.path)).toHaveLength(44);
    expect(subcommandsOf('rollout').map((c) => c.path)).toEqual([
      'rollout history',
      'rollout pause',
      'rollout restart',
      'rollout resume',
      'rollout status',
      'rollout undo',
    ]);
    expect(COMMANDS.get('get')?.flags).toContainEqual({ name: 'watch', shorthand: 'w', takesValue: false });
    expect(COMMANDS.get('logs')?.flags).toContainEqual({ name: 'follow', shorthand: 'f', takesValue: false });
    expect(COMMANDS.get('get')?.flags).toContainEqual({
      name: 'filename',
      shorthand: 'f',
      takesValue: true,
      repeatable: true,
    });
    expect(GLOBAL_FLAGS).toContainEqual({ name: 'namespace', shorthand: 'n', takesValue: true });
    expect(COMMANDS.get('scale')?.required).toEqual(['--replicas']);
  });

  // The oracle: the real client's own completion, with no cluster to ask.
  const kubectl = findKubectl();
  it.skipIf(kubectl === null)(
    'matches the real kubectl’s commands and flags',
    { timeout: 120_000 },
    async () => {
      const home = mkdtempSync(path.join(tmpdir(), 'kubelab-complete-'));
      const env = { ...process.env, HOME: home, KUBECONFIG: path.join(home, 'none') };
      const complete = async (args: string[]) => {
        const { stdout } = await promisify(execFile)(kubectl ?? '', ['__complete', ...args], { env });
        return stdout
          .split('\n')
          .filter((l) => l !== '' && !l.startsWith(':') && !l.startsWith('Completion ended'))
          .map((l) => l.split('\t')[0] ?? '')
          .sort();
      };
      const top = await complete(['']);
      expect(
        subcommandsOf('')
          .map((c) => c.path.split(' ').at(-1))
          .sort(),
      ).toEqual(top);
      for (const command of COMMANDS.values()) {
        const words = command.path.split(' ');
        // Until its required flags are given cobra offers only those; given, they are not offered again.
        const given = command.required.map((f) => `${f}=1`);
        const flags = flagsOf(command.path)
          .filter((f) => f.repeatable === true || !command.required.includes(`--${f.name}`))
          .flatMap((f) => [`--${f.name}`, ...(f.shorthand === null ? [] : [`-${f.shorthand}`])]);
        expect(flags.sort(), command.path).toEqual(await complete([...words, ...given, '-']));
        const subcommands = subcommandsOf(command.path);
        if (subcommands.length > 0) {
          const offered = (await complete([...words, ''])).filter((w) => !w.startsWith('-'));
          expect(subcommands.map((c) => c.path.split(' ').at(-1)).sort(), command.path).toEqual(offered);
        }
      }
    },
  );
});

/**
 * Test harness for driving the real kubectl against the simulated apiserver: starts
 * `npm run apiserver` on a free port and runs kubectl with the kubeconfig it writes.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where kubectl is: KUBECTL, else the first kubectl on the PATH, else null. */
export function findKubectl(): string | null {
  const candidates = [
    process.env.KUBECTL,
    ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'kubectl')),
  ];
  return candidates.find((c): c is string => c !== undefined && c !== '' && existsSync(c)) ?? null;
}

export interface RunningApiserver {
  readonly url: string;
  readonly dir: string;
  kubectl(
    args: readonly string[],
    options?: { stdin?: string; env?: Record<string, string> },
  ): Promise<KubectlResult>;
  /** Writes a file into the harness's scratch directory and returns its path. */
  file(name: string, content: string): string;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

/** Starts the HTTP apiserver as `npm run apiserver` would, and waits for its ready line. */
export async function startApiserver(
  kubectlPath: string,
  extraArgs: readonly string[] = [],
): Promise<RunningApiserver> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubelab-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules/tsx/dist/cli.mjs'),
      path.join(root, 'src/server/main.ts'),
      '--port',
      '0',
      '--kubeconfig',
      kubeconfig,
      ...extraArgs,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`apiserver did not start in time:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`apiserver exited with ${code}:\n${output}`)));
  });
  const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: dir, KUBECACHEDIR: path.join(dir, 'cache') };
  return {
    url,
    dir,
    kubectl: (args, options = {}) =>
      new Promise((resolve) => {
        const proc = execFile(
          kubectlPath,
          [...args],
          { env: { ...env, ...options.env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
            resolve({ code, stdout, stderr });
          },
        );
        if (options.stdin !== undefined) proc.stdin?.end(options.stdin);
        else proc.stdin?.end();
      }),
    file: (name, content) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGINT');
      }),
  };
}

/**
 * Whether the kubectl suites can run: kubectl must exist. On a laptop without it they are
 * skipped with a printed reason; under CI a missing kubectl fails the run.
 */
export function kubectlOrSkip(): string | null {
  const kubectl = findKubectl();
  if (kubectl !== null) return kubectl;
  if (process.env.CI === 'true')
    throw new Error('kubectl is required under CI (install kubectl v1.32 or set KUBECTL)');
  console.warn('skipping kubectl tests: no kubectl on the PATH (set KUBECTL to point at a v1.32 client)');
  return null;
}

/** The whitespace-separated cells of each line of kubectl's table output. */
export const rows = (out: string): string[][] =>
  out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));

/**
 * Runs kubectl until `done` accepts its result (or about 60 s of real time pass, enough for a
 * machine busy with other suites): for state the simulation reaches on its own clock, such as
 * an addon becoming available.
 */
export async function eventually(api: RunningApiserver, args: string[], done: (stdout: string) => boolean) {
  for (let i = 0; i < 120; i++) {
    const r = await api.kubectl(args);
    if (r.code === 0 && done(r.stdout)) return r;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`kubectl ${args.join(' ')} never got there`);
}

/** Helpers for tests that run the in-page kubectl against an in-process cluster. */
import type { Cluster, ClusterOptions } from '../sim/cluster';
import { createCluster } from '../sim/cluster';
import { InProcessTransport } from './client/in-process';
import type { Transport } from './client/transport';
import { OutputBuffer, type KubectlResult } from './io/output';
import type { KubectlEditor } from './io/input';
import { Kubectl, type RunOptions } from './kubectl';

export interface TestKubectl {
  readonly cluster: Cluster;
  readonly kubectl: Kubectl;
  /** Runs a line to completion (with `options.stdin` piped to it). */
  run(line: string, options?: RunOptions): Promise<KubectlResult>;
  /** Starts a line that keeps running (a watch): its output so far, and how to stop it. */
  start(
    line: string,
    options?: RunOptions,
  ): { output: OutputBuffer; interrupt(): void; exit: Promise<number> };
  /** The workspace the kubectl reads files from (`-f web.yaml`): path -> content. */
  readonly files: Map<string, string>;
  /** Sets the editor `kubectl edit` opens (none by default). */
  setEditor(editor: KubectlEditor | undefined): void;
  /** Runs the simulation for `ms` virtual milliseconds, then lets pending promises settle. */
  advance(ms: number): Promise<void>;
  /** Sends a request straight to the apiserver, as another client would. */
  post(path: string, body: object): void;
}

/**
 * A small cluster (no addons, seed 1) started for a minute of virtual time, and an in-page
 * kubectl talking to its apiserver. `wrap` lets a test watch or alter the transport.
 */
export async function testKubectl(
  options: Partial<ClusterOptions> = {},
  wrap: (transport: Transport) => Transport = (t) => t,
): Promise<TestKubectl> {
  const cluster = createCluster({ seed: 1, addons: false, ...options });
  cluster.kernel.runUntil(60_000);
  const now = () => cluster.kernel.clock.epoch + cluster.kernel.clock.now();
  const files = new Map<string, string>();
  let editor: KubectlEditor | undefined;
  const kubectl = new Kubectl({
    transport: wrap(new InProcessTransport(cluster.apiserver)),
    now,
    files: { read: (path) => files.get(path) },
    editor: {
      edit: (text, name) => {
        if (editor === undefined) throw new Error('no editor set for this test');
        return editor.edit(text, name);
      },
    },
    setTimer: (callback, ms) => {
      const handle = cluster.kernel.schedule(ms, 'kubectl: timer', callback);
      return () => cluster.kernel.cancel(handle);
    },
  });
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return {
    cluster,
    kubectl,
    files,
    setEditor(next) {
      editor = next;
    },
    run: (line, runOptions) => kubectl.collect(line, runOptions),
    start(line, runOptions) {
      const output = new OutputBuffer();
      const execution = kubectl.run(line, output, runOptions);
      return { output, interrupt: () => execution.interrupt(), exit: execution.exit };
    },
    async advance(ms) {
      await settle();
      cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
      await settle();
    },
    post(path, body) {
      cluster.apiserver.handle({
        method: 'POST',
        path,
        query: {},
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        client: 'test',
      });
    },
  };
}

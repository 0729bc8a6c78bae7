/** Helpers for tests that run the in-page kubectl against an in-process cluster. */
import type { Cluster, ClusterOptions } from '../sim/cluster';
import { createCluster } from '../sim/cluster';
import { InProcessTransport } from './client/in-process';
import type { Transport } from './client/transport';
import { OutputBuffer, type KubectlResult } from './io/output';
import { Kubectl } from './kubectl';

export interface TestKubectl {
  readonly cluster: Cluster;
  readonly kubectl: Kubectl;
  /** Runs a line to completion. */
  run(line: string): Promise<KubectlResult>;
  /** Starts a line that keeps running (a watch): its output so far, and how to stop it. */
  start(line: string): { output: OutputBuffer; interrupt(): void; exit: Promise<number> };
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
  const kubectl = new Kubectl({ transport: wrap(new InProcessTransport(cluster.apiserver)), now });
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return {
    cluster,
    kubectl,
    run: (line) => kubectl.collect(line),
    start(line) {
      const output = new OutputBuffer();
      const execution = kubectl.run(line, output);
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

/**
 * Test helpers for DefaultPreemption: running and nominated pods, PodDisruptionBudgets, and a
 * real framework over fixed nodes whose Filter plugins the preemption dry run calls.
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { Kernel } from '../../../kernel/kernel';
import { CycleState } from '../../framework/cycle-state';
import { NodeToStatus } from '../../framework/diagnosis';
import { Evaluator } from '../../framework/preemption/preemption';
import type { Profile } from '../../framework/registry';
import { Framework } from '../../framework/runtime';
import type { Node, Pod } from '../../framework/types';
import { fakeHandle, makePod, nodeInfos } from '../../testing';
import { PLUGINS } from '../registry';
import { defaultPreemptionInterface } from '.';

/** The default profile's Filter plugins and DefaultPreemption. */
const PROFILE: Profile = {
  schedulerName: 'default-scheduler',
  plugins: [
    { name: 'NodeUnschedulable' },
    { name: 'TaintToleration' },
    { name: 'NodeAffinity' },
    { name: 'NodePorts' },
    { name: 'NodeResourcesFit' },
    { name: 'PodTopologySpread' },
    { name: 'InterPodAffinity' },
    { name: 'DefaultPreemption' },
  ],
};

/** A pod bound to `node`, of `priority`, requesting `cpu`, started at `start` seconds (epoch 0). */
export function running(
  name: string,
  node: string,
  priority: number,
  cpu: string,
  o: { labels?: Record<string, string>; start?: number } = {},
): Pod {
  const p = makePod(name, {
    nodeName: node,
    priority,
    requests: { cpu },
    ...(o.labels ? { labels: o.labels } : {}),
  });
  return { ...p, status: { phase: 'Running', startTime: new Date((o.start ?? 0) * 1000).toISOString() } };
}

/** A pending pod of `priority` nominated to `node`. */
export function nominated(name: string, node: string, priority: number, cpu: string): Pod {
  const p = makePod(name, { priority, requests: { cpu } });
  return { ...p, status: { phase: 'Pending', nominatedNodeName: node } };
}

/** A budget on `app=<app>` pods in default that allows `allowed` disruptions. */
export function pdb(
  name: string,
  app: string,
  allowed: number,
  disrupted: Record<string, string> = {},
): PodDisruptionBudget {
  return {
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: { app } } },
    status: {
      disruptionsAllowed: allowed,
      currentHealthy: 0,
      desiredHealthy: 0,
      expectedPods: 0,
      disruptedPods: disrupted,
    },
  };
}

/** A framework over fixed nodes and pods, with a kernel for the clock and RNG. */
export function setup(
  nodes: Node[],
  pods: Pod[],
  o: { pdbs?: PodDisruptionBudget[]; nominated?: Pod[]; preemptor?: Pod } = {},
) {
  const infos = nodeInfos(nodes, pods);
  const kernel = new Kernel({ seed: 1, epoch: 0 });
  kernel.runUntil(100_000);
  const base = fakeHandle(infos);
  const fwk = new Framework(PROFILE, PLUGINS, {
    ...base,
    kernel,
    getPod: (ns, name) => (o.preemptor?.metadata?.name === name ? o.preemptor : base.getPod(ns, name)),
    podDisruptionBudgets: () => o.pdbs ?? [],
    nominatedPodsForNode: (n) => (o.nominated ?? []).filter((p) => p.status?.nominatedNodeName === n),
  });
  const evaluator = new Evaluator(fwk.handle, defaultPreemptionInterface(fwk.handle));
  /** PreFilter and Filter on every node, as a scheduling cycle runs them. */
  const filter = (pod: Pod) => {
    const state = new CycleState();
    fwk.runPreFilter(state, pod, infos);
    const statuses = new NodeToStatus();
    for (const n of infos) {
      const s = fwk.runFilterPluginsWithNominatedPods(state, pod, n);
      if (!s.isSuccess()) statuses.set(n.name, s);
    }
    return { state, statuses };
  };
  return { infos, fwk, evaluator, filter };
}

/** The pods' names. */
export const names = (pods: readonly Pod[]) => pods.map((p) => p.metadata?.name);

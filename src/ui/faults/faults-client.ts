/**
 * The Faults panel's kubectl: it lists Faults, nodes and pods with `kubectl get -o json`,
 * injects a Fault with `kubectl create -f -` and heals one with `kubectl delete`. The panel is
 * just another kubectl client of the simulation.
 */
import type { PipeKubectl } from '../editor/editor-store';
import type { KubectlClient } from '../terminal/shell';

/** The fault types the panel offers, and what each targets. */
export const FAULT_KINDS = [
  { type: 'KubeletStop', target: 'node', label: 'Stop a node’s kubelet' },
  { type: 'NodeNetworkPartition', target: 'node', label: 'Cut a node off the network' },
  { type: 'ContainerKill', target: 'pod', label: 'Kill a container' },
  { type: 'NodeMemoryPressure', target: 'node', label: 'Fill a node’s memory' },
  { type: 'SchedulerStop', target: 'none', label: 'Stop kube-scheduler' },
  { type: 'ControllerManagerStop', target: 'none', label: 'Stop kube-controller-manager' },
  { type: 'RegistryUnreachable', target: 'registry', label: 'Make a registry unreachable' },
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Registry hosts the form offers. */
export const REGISTRIES = ['docker.io', 'registry.k8s.io', 'quay.io', 'ghcr.io'] as const;

/** A Fault as the panel lists it. */
export interface FaultRow {
  readonly name: string;
  readonly type: string;
  readonly target: string;
  readonly phase: string;
  readonly message: string;
}

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one line (with stdin when given) and collects what it prints. */
async function run(kubectl: KubectlClient, pipe: PipeKubectl, line: string, stdin?: string): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const write = (stream: 'stdout' | 'stderr', text: string) => {
    if (stream === 'stdout') stdout += text;
    else stderr += text;
  };
  const { exit } = stdin === undefined ? kubectl.run(line, write) : pipe(line, stdin, write);
  return { code: await exit, stdout, stderr };
}

interface Listed {
  items?: {
    metadata?: { name?: string; namespace?: string };
    spec?: Record<string, unknown>;
    status?: Record<string, unknown>;
  }[];
}

async function list(kubectl: KubectlClient, pipe: PipeKubectl, line: string): Promise<Listed['items']> {
  const result = await run(kubectl, pipe, line);
  if (result.code !== 0) throw new Error(result.stderr.trim() || `${line} failed`);
  return (JSON.parse(result.stdout) as Listed).items ?? [];
}

/** What the panel asks of the simulation. */
export function faultsClient(kubectl: KubectlClient, pipe: PipeKubectl) {
  return {
    async faults(): Promise<FaultRow[]> {
      const items = (await list(kubectl, pipe, 'kubectl get faults -o json')) ?? [];
      return items.map((f) => ({
        name: f.metadata?.name ?? '',
        type: String(f.spec?.type ?? ''),
        target: String(f.status?.target ?? ''),
        phase: String(f.status?.phase ?? 'Pending'),
        message: String(f.status?.message ?? ''),
      }));
    },
    async nodes(): Promise<string[]> {
      const items = (await list(kubectl, pipe, 'kubectl get nodes -o json')) ?? [];
      return items.map((n) => n.metadata?.name ?? '');
    },
    /** Pods as `namespace/name`. */
    async pods(): Promise<string[]> {
      const items = (await list(kubectl, pipe, 'kubectl get pods -A -o json')) ?? [];
      return items.map((p) => `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`);
    },
    /** Creates a Fault; returns what kubectl said (its error when it failed). */
    async inject(kind: FaultKind, target: string): Promise<Result> {
      return run(kubectl, pipe, 'kubectl create -f -', faultManifest(kind, target));
    },
    async heal(name: string): Promise<Result> {
      return run(kubectl, pipe, `kubectl delete fault ${name} --wait=false`);
    },
  };
}

/** The manifest the form creates (JSON is YAML), named after its type. */
export function faultManifest(kind: FaultKind, target: string): string {
  const prefix = kind.type.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  const spec: Record<string, unknown> = { type: kind.type };
  if (kind.target === 'node') spec.node = target;
  if (kind.target === 'registry') spec.registry = target;
  if (kind.target === 'pod') {
    const [namespace, name] = target.split('/');
    spec.pod = { namespace, name };
  }
  return JSON.stringify({
    apiVersion: 'chaos.kubelab.dev/v1alpha1',
    kind: 'Fault',
    metadata: { generateName: `${prefix}-` },
    spec,
  });
}

/**
 * The cloud node controller (k8s.io/cloud-provider controllers/node): initializes nodes with
 * what the cloud knows about their VM — `spec.providerID`, the instance-type, region and zone
 * labels (GA and beta keys) — and removes the `node.cloudprovider.kubernetes.io/uninitialized`
 * taint with one update of the Node; then patches the VM's addresses (InternalIP, ExternalIP,
 * Hostname) into `nodes/<name>/status`, and records `Synced`. Every 5 minutes
 * (--node-status-update-frequency) it reconciles the addresses of initialized nodes.
 *
 * Upstream initializes only nodes that carry the taint (kubelet adds it under
 * `--cloud-provider=external`). The simulated kubelets register without it, so a node
 * without a providerID counts as uninitialized too.
 */
import type { NodeAddress, Taint } from 'kubernetes-types/core/v1';
import type { Controller } from '../client/controller';
import type { EventRecorder } from '../client/events';
import type { Informer } from '../client/informer';
import type { Instance } from './cloud';
import type { CloudControllerContext, CloudControllerDescriptor } from './manager';
import { NODES, UNINITIALIZED_TAINT, type NodeObject } from './types';

/** How often addresses of initialized nodes are reconciled. */
export const NODE_STATUS_UPDATE_FREQUENCY_MS = 5 * 60_000;

const isTainted = (node: NodeObject) => (node.spec?.taints ?? []).some((t) => t.key === UNINITIALIZED_TAINT);
const needsInit = (node: NodeObject) => isTainted(node) || (node.spec?.providerID ?? '') === '';

/** The labels the cloud sets on a node (v1.LabelInstanceType... and their beta twins). */
export function cloudLabels(instance: Instance): Record<string, string> {
  return {
    'beta.kubernetes.io/instance-type': instance.instanceType,
    'node.kubernetes.io/instance-type': instance.instanceType,
    'failure-domain.beta.kubernetes.io/zone': instance.zone,
    'topology.kubernetes.io/zone': instance.zone,
    'failure-domain.beta.kubernetes.io/region': instance.region,
    'topology.kubernetes.io/region': instance.region,
  };
}

class CloudNodeController {
  readonly #nodes: Informer<NodeObject>;
  readonly #controller: Controller;
  readonly #events: EventRecorder;

  constructor(private readonly ctx: CloudControllerContext) {
    this.#nodes = ctx.informers.informerFor<NodeObject>(NODES);
    this.#events = ctx.recorder('cloud-node-controller');
    this.#controller = ctx.controller({ name: 'cloud-node-controller', sync: (k, c) => this.sync(k, c) });
    this.#nodes.addHandlers({
      add: (node, cause) => this.#controller.queue.add(node.metadata.name ?? '', cause),
      update: (_old, node, cause) => {
        if (needsInit(node)) this.#controller.queue.add(node.metadata.name ?? '', cause);
      },
    });
    const tick = () => {
      this.#updateNodeStatus();
      ctx.kernel.schedule(NODE_STATUS_UPDATE_FREQUENCY_MS, 'cloud-node-controller: update node status', tick);
    };
    ctx.kernel.schedule(NODE_STATUS_UPDATE_FREQUENCY_MS, 'cloud-node-controller: update node status', tick);
  }

  /** syncNode: initializes a node that needs it. */
  sync(name: string, cause: number | null): void {
    const node = this.#nodes.lister.get(name);
    if (node === undefined || !needsInit(node)) return;
    const instance = this.ctx.cloud.instance(name);
    const step = this.ctx.kernel.trace.emit({
      from: this.ctx.client.id,
      to: this.ctx.client.id,
      kind: 'decision',
      summary: `cloud-node-controller: initializing node ${name} with cloud provider (${instance.providerID}, ${instance.zone})`,
      causedBy: cause,
    }).id;
    const taints: Taint[] = (node.spec?.taints ?? []).filter((t) => t.key !== UNINITIALIZED_TAINT);
    const updated = this.ctx.client.update<NodeObject>(
      NODES,
      {
        ...node,
        metadata: { ...node.metadata, labels: { ...node.metadata.labels, ...cloudLabels(instance) } },
        spec: {
          ...node.spec,
          providerID: node.spec?.providerID || instance.providerID,
          ...(taints.length === 0 ? { taints: undefined } : { taints }),
        },
      },
      undefined,
      step,
    );
    this.#updateAddresses(updated, instance, step);
    this.#events.event(
      { ...node, metadata: { ...node.metadata, uid: name } },
      'Normal',
      'Synced',
      'Node synced successfully',
      step,
    );
  }

  /** UpdateNodeStatus: reconciles the addresses of every initialized node. */
  #updateNodeStatus(): void {
    for (const node of this.#nodes.lister.list()) {
      if (isTainted(node)) continue;
      this.#updateAddresses(node, this.ctx.cloud.instance(node.metadata.name ?? ''), null);
    }
  }

  /** updateNodeAddress: the cloud's addresses, keeping the kubelet's InternalIP and Hostname. */
  #updateAddresses(node: NodeObject, instance: Instance, cause: number | null): void {
    const current = node.status?.addresses ?? [];
    const addresses: NodeAddress[] = [
      ...current.filter((a) => a.type === 'InternalIP'),
      { type: 'ExternalIP', address: instance.externalIP },
      ...current.filter((a) => a.type === 'Hostname'),
    ];
    if (JSON.stringify(addresses) === JSON.stringify(current)) return;
    this.ctx.client.patch(
      NODES,
      null,
      node.metadata.name ?? '',
      'merge',
      { status: { addresses } },
      cause,
      'status',
    );
  }
}

/** The cloud node controller (`cloud-node-controller`). */
export const cloudNodeController: CloudControllerDescriptor = {
  name: 'cloud-node-controller',
  setup(ctx) {
    new CloudNodeController(ctx);
  },
};

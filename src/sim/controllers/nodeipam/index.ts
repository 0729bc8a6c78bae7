/**
 * The node IPAM controller (kube-controller-manager's `node-ipam-controller` with the range
 * allocator, as kind and kubeadm run it with `--allocate-node-cidrs --cluster-cidr
 * 10.244.0.0/16`): every node without a pod CIDR gets the next /24 of the cluster CIDR in
 * `spec.podCIDR` and `spec.podCIDRs`; the CNI plugin on the node hands pod IPs out of it.
 * Nodes that already have one keep it (their subnet is marked taken); a deleted node's
 * subnet goes back to the pool. When the range is exhausted the node gets a
 * `CIDRNotAvailable` event and waits.
 */
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { EventRecorder } from '../../client/events';
import type { KubeObject } from '../../apiserver/types';
import type { ControllerDescriptor } from '../manager';
import { CidrSet } from './cidrset';

const NODES = findResource('', 'v1', 'nodes') as ResourceInfo;

/** The cluster's pod network and how much of it each node gets. */
export interface NodeIpamOptions {
  readonly clusterCidr: string;
  readonly nodeMaskSize: number;
}

/** kind's and kubeadm's defaults. */
export const DEFAULT_NODE_IPAM: NodeIpamOptions = { clusterCidr: '10.244.0.0/16', nodeMaskSize: 24 };

type NodeObject = KubeObject & { spec?: { podCIDR?: string; podCIDRs?: string[] } };

/** A node IPAM controller for a cluster CIDR. */
export function nodeIpamFor(options: NodeIpamOptions): ControllerDescriptor {
  return {
    name: 'node-ipam-controller',
    setup(ctx) {
      const nodes = ctx.informers.informerFor<NodeObject>(NODES);
      const recorder = new EventRecorder(ctx.kernel, ctx.client, 'cidrAllocator');
      const cidrs = new CidrSet(options.clusterCidr, options.nodeMaskSize);
      /** The subnet each node holds, as this controller knows it. */
      const held = new Map<string, string>();
      const id = ctx.client.id;
      let started = false;
      /** Marks a subnet a node already has as taken (once per node and subnet). */
      const occupy = (name: string, cidr: string) => {
        if (held.get(name) === cidr) return;
        cidrs.occupy(cidr);
        held.set(name, cidr);
      };

      const controller = ctx.controller({
        name: 'cidrallocator',
        sync(name, cause) {
          // Like upstream's constructor: first take every subnet nodes already have.
          if (!started) {
            for (const n of nodes.lister.list()) {
              const cidr = n.spec?.podCIDRs?.[0];
              if (cidr !== undefined) occupy(n.metadata.name ?? '', cidr);
            }
            started = true;
          }
          const node = nodes.lister.get(name);
          if (node === undefined) {
            const cidr = held.get(name);
            if (cidr !== undefined) cidrs.release(cidr);
            held.delete(name);
            return;
          }
          const existing = node.spec?.podCIDRs ?? [];
          if (existing.length > 0) return occupy(name, existing[0] ?? '');
          let cidr: string;
          try {
            cidr = cidrs.allocateNext();
          } catch (error) {
            recorder.event(
              node,
              'Normal',
              'CIDRNotAvailable',
              `Node ${name} status is now: CIDRNotAvailable`,
              cause,
            );
            throw error;
          }
          const step = ctx.kernel.trace.emit({
            from: id,
            to: id,
            kind: 'decision',
            summary: `node-ipam: node ${name} gets pod CIDR ${cidr}`,
            causedBy: cause,
          }).id;
          try {
            ctx.client.patch(
              NODES,
              null,
              name,
              'strategic',
              { spec: { podCIDR: cidr, podCIDRs: [cidr] } },
              step,
            );
            held.set(name, cidr);
          } catch (error) {
            cidrs.release(cidr);
            recorder.event(
              node,
              'Normal',
              'CIDRAssignmentFailed',
              `Node ${name} status is now: CIDRAssignmentFailed`,
              step,
            );
            throw error;
          }
        },
      });
      controller.watch(nodes, (node) => node.metadata.name ?? '');
    },
  };
}

/** The node IPAM controller with kind's pod network, 10.244.0.0/16 in /24s. */
export const nodeIpam = nodeIpamFor(DEFAULT_NODE_IPAM);

/** What the cloud controllers share: the resources they use and the shapes they read. */
import type { NodeSpec, NodeStatus, ServiceSpec, ServiceStatus } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';

function resource(group: string, version: string, plural: string): ResourceInfo {
  const r = findResource(group, version, plural);
  if (r === undefined) throw new Error(`no resource ${group}/${version} ${plural}`);
  return r;
}

export const SERVICES = resource('', 'v1', 'services');
export const NODES = resource('', 'v1', 'nodes');

/** A Service as the informer delivers it. */
export type ServiceObject = KubeObject & { spec?: ServiceSpec; status?: ServiceStatus };
/** A Node as the informer delivers it. */
export type NodeObject = KubeObject & { spec?: NodeSpec; status?: NodeStatus };

/** The taint kubelet registers with under `--cloud-provider=external`, until the CCM initializes the node. */
export const UNINITIALIZED_TAINT = 'node.cloudprovider.kubernetes.io/uninitialized';
/** Nodes with this label are never load balancer backends. */
export const EXCLUDE_LB_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

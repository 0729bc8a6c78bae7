/** Finding a node-level fault's target: a Node the apiserver has, with a kubelet running it. */
import { ApiError } from '../apiserver/status';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { Kubelet } from '../node/kubelet';
import type { FaultSpec } from './crd';
import { FaultTargetError, type ChaosWorld } from './types';

const NODES = findResource('', 'v1', 'nodes') as ResourceInfo;

/** The kubelet of `spec.node`; throws {@link FaultTargetError} when there is no such node. */
export function targetKubelet(spec: FaultSpec, world: ChaosWorld): Kubelet {
  const name = spec.node;
  if (name === undefined) throw new FaultTargetError(`spec.node is required for ${spec.type}`);
  try {
    world.client.get(NODES, null, name);
  } catch (error) {
    if (error instanceof ApiError && error.code === 404)
      throw new FaultTargetError(`node "${name}" not found`);
    throw error;
  }
  const kubelet = world.kubelets.get(name);
  if (kubelet === undefined) throw new FaultTargetError(`node "${name}" runs no kubelet`);
  return kubelet;
}

/**
 * ContainerKill: `kill -9` of a container's main process on its node. The runtime reports it
 * exited 137 (reason Error); the kubelet restarts it per the pod's restartPolicy (RESTARTS
 * goes up; repeated kills give CrashLoopBackOff). One-shot: applied once, nothing to heal.
 */
import { ApiError } from '../apiserver/status';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import type { PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import { FaultTargetError, type FaultHandler } from './types';

const PODS = findResource('', 'v1', 'pods') as ResourceInfo;

type Pod = KubeObject & { spec?: PodSpec; status?: PodStatus };

export const containerKill: FaultHandler = {
  apply(spec, world, step) {
    if (spec.pod === undefined) throw new FaultTargetError('spec.pod is required for ContainerKill');
    const namespace = spec.pod.namespace ?? 'default';
    const name = spec.pod.name;
    let pod: Pod;
    try {
      pod = world.client.get<Pod>(PODS, namespace, name);
    } catch (error) {
      if (error instanceof ApiError && error.code === 404)
        throw new FaultTargetError(`pod "${namespace}/${name}" not found`);
      throw error;
    }
    const container = spec.pod.container ?? pod.spec?.containers[0]?.name ?? '';
    const status = pod.status?.containerStatuses?.find((c) => c.name === container);
    if (pod.spec?.containers.every((c) => c.name !== container) === true)
      throw new FaultTargetError(`container "${container}" not found in pod "${namespace}/${name}"`);
    const id = status?.containerID?.replace(/^[a-z-]+:\/\//, '');
    const kubelet = world.kubelets.get(pod.spec?.nodeName ?? '');
    if (id === undefined || status?.state?.running === undefined || kubelet === undefined)
      throw new FaultTargetError(`container "${container}" of pod "${namespace}/${name}" is not running`);
    const cause = step(
      `${kubelet.nodeName}/container-runtime`,
      `kill -9 container ${container} of ${namespace}/${name} on ${kubelet.nodeName}`,
    );
    if (!kubelet.runtime.killProcess(id, cause))
      throw new FaultTargetError(`container "${container}" of pod "${namespace}/${name}" is not running`);
    return { target: `${namespace}/${name}/${container}`, oneShot: true, heal: () => undefined };
  },
};

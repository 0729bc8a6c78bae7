/**
 * RegistryUnreachable: a registry host (`docker.io`, `registry.k8s.io`...) no longer resolves
 * from the nodes. Pulls from it fail as containerd reports a failed DNS lookup (ErrImagePull,
 * then ImagePullBackOff); images already on a node still start (IfNotPresent). Healing makes
 * it reachable again; the kubelet's next back-off retry pulls.
 */
import { FaultTargetError, type FaultHandler } from './types';

/** A registry host: a DNS name, optionally with a port. */
const HOST = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?$/;

export const registryUnreachable: FaultHandler = {
  apply(spec, world, step) {
    const host = spec.registry;
    if (host === undefined) throw new FaultTargetError('spec.registry is required for RegistryUnreachable');
    if (!HOST.test(host)) throw new FaultTargetError(`"${host}" is not a registry host`);
    for (const kubelet of world.kubelets.values()) {
      step(`${kubelet.nodeName}/container-runtime`, `${host} unreachable from ${kubelet.nodeName}`);
      kubelet.runtime.imageService.setRegistryReachable(host, false);
    }
    return {
      target: host,
      heal: (healStep) => {
        for (const kubelet of world.kubelets.values()) {
          healStep(`${kubelet.nodeName}/container-runtime`, `${host} reachable from ${kubelet.nodeName}`);
          kubelet.runtime.imageService.setRegistryReachable(host, true);
        }
      },
    };
  },
};

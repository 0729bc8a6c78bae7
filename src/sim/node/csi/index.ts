/**
 * Storage as the cluster installer sets it up: the CSI reference driver `hostpath.csi.k8s.io`
 * (its CSIDriver object, a node plugin registered on every node, and its controller side with
 * the external provisioner and attacher) and the default StorageClass `standard` that
 * provisions through it, binding volumes when their first pod is scheduled.
 */
import type { ApiServer } from '../../apiserver/apiserver';
import type { Kernel } from '../../kernel/kernel';
import { startExternalAttacher } from './attacher';
import { installStorage } from './driver';
import { startExternalProvisioner, type ExternalProvisioner } from './provisioner';
import { startNodePlugins } from './registration';

export {
  CSI_DRIVER_MANIFEST,
  DEFAULT_STORAGE_CLASS,
  DEFAULT_STORAGE_CLASS_MANIFEST,
  DRIVER_NAME,
  DRIVER_POD,
  TOPOLOGY_KEY,
  installStorage,
} from './driver';
export {
  CREATE_VOLUME_MS,
  DELETE_VOLUME_MS,
  ExternalProvisioner,
  PROVISIONER_ID,
  startExternalProvisioner,
} from './provisioner';
export { NODE_PLUGIN_START_MS, installCsiDriver, startNodePlugins } from './registration';
export {
  ATTACHER_FINALIZER,
  ATTACHER_ID,
  ATTACH_MS,
  ExternalAttacher,
  startExternalAttacher,
} from './attacher';

/**
 * Installs the hostpath driver and the default class, registers the driver's node plugin on
 * `nodeNames`, and starts its external provisioner and external attacher.
 */
export function startHostpathDriver(
  kernel: Kernel,
  apiserver: ApiServer,
  nodeNames: readonly string[],
): ExternalProvisioner {
  installStorage(apiserver);
  startNodePlugins(kernel, apiserver, nodeNames);
  startExternalAttacher(kernel, apiserver);
  return startExternalProvisioner(kernel, apiserver);
}

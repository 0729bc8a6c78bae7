/**
 * The simulated CSI driver: the CSI reference driver `hostpath.csi.k8s.io`
 * (kubernetes-csi/csi-driver-host-path), deployed one node plugin per node, so a volume lives
 * on the node it was provisioned for and its topology segment is that node
 * (`topology.hostpath.csi/node`). This file holds what the installer puts in the cluster: the
 * CSIDriver object and a kind-like default StorageClass `standard` that uses the driver.
 */
import type { ApiServer } from '../../apiserver/apiserver';
import { ApiClient } from '../../client/rest';
import { CSI_DRIVERS, STORAGE_CLASSES } from '../../controllers/pv-binder/types';

/** The driver's name: CSIDriver object, StorageClass provisioner, PV `spec.csi.driver`. */
export const DRIVER_NAME = 'hostpath.csi.k8s.io';
/** The topology key the driver reports for each node (NodeGetInfo's accessible topology). */
export const TOPOLOGY_KEY = 'topology.hostpath.csi/node';
/** The pod the driver's controller side (with its csi-provisioner sidecar) runs in. */
export const DRIVER_POD = 'csi-hostpathplugin-0';
/** The name of the default StorageClass, as kind names its own. */
export const DEFAULT_STORAGE_CLASS = 'standard';

/** The CSIDriver object of csi-driver-host-path's deployment (csi-hostpath-driverinfo.yaml). */
export const CSI_DRIVER_MANIFEST = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'CSIDriver',
  metadata: {
    name: DRIVER_NAME,
    labels: {
      'app.kubernetes.io/instance': DRIVER_NAME,
      'app.kubernetes.io/part-of': 'csi-driver-host-path',
      'app.kubernetes.io/name': DRIVER_NAME,
      'app.kubernetes.io/component': 'csi-driver',
    },
  },
  spec: {
    volumeLifecycleModes: ['Persistent', 'Ephemeral'],
    podInfoOnMount: true,
    fsGroupPolicy: 'File',
  },
};

/** kind's default StorageClass, provisioned by the hostpath driver. */
export const DEFAULT_STORAGE_CLASS_MANIFEST = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name: DEFAULT_STORAGE_CLASS,
    annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
  },
  provisioner: DRIVER_NAME,
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
};

/**
 * What the cluster installer applies once kube-apiserver is up (as kind does after
 * `kubeadm init`), as the cluster admin through kubectl: the CSIDriver and the default class.
 */
export function installStorage(apiserver: ApiServer): void {
  const kubectl = new ApiClient(apiserver, 'kubectl', 'kubectl-create');
  kubectl.create(CSI_DRIVERS, null, CSI_DRIVER_MANIFEST);
  kubectl.create(STORAGE_CLASSES, null, DEFAULT_STORAGE_CLASS_MANIFEST);
}

/**
 * The PersistentVolume the external provisioner saves for a volume the hostpath driver
 * created (CreateVolume's answer, shaped by the sidecar): named `pvc-<claim uid>`, pointing at
 * its claim, in the claim's class with the class's reclaim policy and mount options, on the
 * node it was created for (node affinity on the driver's topology key), with the driver's
 * volume handle and the sidecar's identity in its attributes, and the sidecar's deletion
 * finalizer.
 */
import { claimClass, claimReference } from '../../controllers/pv-binder/helpers';
import {
  ANN_DYNAMICALLY_PROVISIONED,
  PV_DELETION_PROTECTION_FINALIZER,
  type Claim,
  type StorageClassObject,
  type Volume,
} from '../../controllers/pv-binder/types';
import { DRIVER_NAME, TOPOLOGY_KEY } from './driver';

/** What the volume is beyond its claim and class. */
export interface CreatedVolume {
  readonly name: string;
  /** The node the volume lives on; undefined when the driver reported no topology. */
  readonly node: string | undefined;
  /** The driver's id for the volume. */
  readonly volumeHandle: string;
  /** `storage.kubernetes.io/csiProvisionerIdentity`. */
  readonly identity: string;
}

/** The PV for a provisioned volume. Class parameters for the sidecar itself are not passed on. */
export function provisionedVolume(claim: Claim, sc: StorageClassObject, created: CreatedVolume): Volume {
  const params = Object.fromEntries(
    Object.entries(sc.parameters ?? {}).filter(([k]) => !k.startsWith('csi.storage.k8s.io/')),
  );
  const { name, node } = created;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: {
        [ANN_DYNAMICALLY_PROVISIONED]: DRIVER_NAME,
        'volume.kubernetes.io/provisioner-deletion-secret-name': '',
        'volume.kubernetes.io/provisioner-deletion-secret-namespace': '',
      },
      finalizers: [PV_DELETION_PROTECTION_FINALIZER],
    },
    spec: {
      accessModes: claim.spec?.accessModes ?? [],
      capacity: { storage: claim.spec?.resources?.requests?.['storage'] ?? '0' },
      claimRef: claimReference(claim),
      csi: {
        driver: DRIVER_NAME,
        volumeHandle: created.volumeHandle,
        volumeAttributes: { ...params, 'storage.kubernetes.io/csiProvisionerIdentity': created.identity },
      },
      ...(node === undefined
        ? {}
        : {
            nodeAffinity: {
              required: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: TOPOLOGY_KEY, operator: 'In', values: [node] }] },
                ],
              },
            },
          }),
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: claimClass(claim),
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      ...(sc.mountOptions === undefined ? {} : { mountOptions: sc.mountOptions }),
    },
  };
}

/** The node a volume of the driver lives on (its node affinity on the topology key). */
export function volumeNode(volume: Volume): string | undefined {
  for (const term of volume.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [])
    for (const e of term.matchExpressions ?? []) if (e.key === TOPOLOGY_KEY) return e.values?.[0];
  return undefined;
}

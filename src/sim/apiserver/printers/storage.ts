/** PersistentVolumes, claims, StorageClasses and the CSI objects. */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type {
  CSIDriver,
  CSINode,
  CSIStorageCapacity,
  StorageClass,
  VolumeAttachment,
} from 'kubernetes-types/storage/v1';
import { AGE_COLUMN, NAME_COLUMN, column, printer, wide } from './columns';
import { since } from './duration';
import { formatQuantity } from './quantity';
import type { TableColumnDefinition } from './types';

/** The two kinds printed with a storage class and a volume mode. */
type Volume = PersistentVolume | PersistentVolumeClaim;

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** `RWO,ROX,RWX,RWOP` in that fixed order, duplicates dropped. */
function accessModes(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([mode]) => set.has(mode))
    .map(([, abbreviation]) => abbreviation)
    .join(',');
}

/** The beta storage-class annotation wins over spec.storageClassName. */
function storageClassOf(obj: Volume): string {
  const annotation = obj.metadata?.annotations?.[BETA_STORAGE_CLASS];
  if (annotation !== undefined) return annotation;
  return obj.spec?.storageClassName ?? '';
}

/** The Status column of a volume or claim (`noun`). */
const phaseColumn = (noun: string): TableColumnDefinition =>
  column('Status', 'string', `The ${noun}’s phase.`);

/** The Status cell: the phase, or Terminating once deletion has begun. */
const phaseCell = (obj: Volume): string =>
  obj.metadata?.deletionTimestamp ? 'Terminating' : (obj.status?.phase ?? '');

/**
 * The columns volumes and claims (`noun`) end with: StorageClass, VolumeAttributesClass, the
 * `between` columns, Age and the wide VolumeMode.
 */
function classAndModeColumns(
  noun: string,
  between: readonly TableColumnDefinition[] = [],
): TableColumnDefinition[] {
  return [
    column('StorageClass', 'string', `The ${noun}’s storage class.`),
    column('VolumeAttributesClass', 'string', `The ${noun}’s attributes class.`),
    ...between,
    AGE_COLUMN,
    wide(column('VolumeMode', 'string', 'Filesystem or Block.')),
  ];
}

/** The cells of `classAndModeColumns`, with `between` the cells of its `between` columns. */
function classAndModeCells(obj: Volume, now: number, between: readonly unknown[] = []): unknown[] {
  return [
    storageClassOf(obj),
    obj.spec?.volumeAttributesClassName ?? '<unset>',
    ...between,
    since(obj.metadata?.creationTimestamp, now),
    obj.spec?.volumeMode ?? '<unset>',
  ];
}

/** `kubectl get persistentvolumes`. */
export const persistentVolumePrinter = printer<PersistentVolume>(
  [
    NAME_COLUMN,
    column('Capacity', 'string', 'The volume’s storage capacity.'),
    column('Access Modes', 'string', 'How the volume can be mounted.'),
    column('Reclaim Policy', 'string', 'What happens to the volume when its claim goes.'),
    phaseColumn('volume'),
    column('Claim', 'string', 'The claim bound to the volume, as namespace/name.'),
    ...classAndModeColumns('volume', [column('Reason', 'string', 'Why the volume is in its phase.')]),
  ],
  (pv, now) => {
    const ref = pv.spec?.claimRef;
    return [
      pv.metadata?.name ?? '',
      formatQuantity(pv.spec?.capacity?.storage),
      accessModes(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      phaseCell(pv),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      ...classAndModeCells(pv, now, [pv.status?.reason ?? '']),
    ];
  },
);

/** `kubectl get persistentvolumeclaims`: capacity and modes only show once bound to a volume. */
export const persistentVolumeClaimPrinter = printer<PersistentVolumeClaim>(
  [
    NAME_COLUMN,
    phaseColumn('claim'),
    column('Volume', 'string', 'The volume bound to the claim.'),
    column('Capacity', 'string', 'The bound volume’s capacity.'),
    column('Access Modes', 'string', 'How the bound volume can be mounted.'),
    ...classAndModeColumns('claim'),
  ],
  (pvc, now) => {
    const volumeName = pvc.spec?.volumeName ?? '';
    const bound = volumeName !== '';
    return [
      pvc.metadata?.name ?? '',
      phaseCell(pvc),
      volumeName,
      bound ? formatQuantity(pvc.status?.capacity?.storage) : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      ...classAndModeCells(pvc, now),
    ];
  },
);

function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {};
  return (
    a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

/** `kubectl get storageclasses`: the default class is marked `(default)` after its name. */
export const storageClassPrinter = printer<StorageClass>(
  [
    NAME_COLUMN,
    column('Provisioner', 'string', 'The volume plugin or CSI driver that provisions volumes.'),
    column('ReclaimPolicy', 'string', 'Reclaim policy of provisioned volumes.'),
    column('VolumeBindingMode', 'string', 'When volumes are bound and provisioned.'),
    column('AllowVolumeExpansion', 'string', 'Whether claims may grow.'),
    AGE_COLUMN,
  ],
  (sc, now) => [
    `${sc.metadata?.name ?? ''}${isDefaultClass(sc) ? ' (default)' : ''}`,
    sc.provisioner ?? '',
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    sc.allowVolumeExpansion ?? false,
    since(sc.metadata?.creationTimestamp, now),
  ],
);

/** `kubectl get csidrivers`. */
export const csiDriverPrinter = printer<CSIDriver>(
  [
    NAME_COLUMN,
    column('AttachRequired', 'boolean', 'Whether volumes need an attach step.'),
    column('PodInfoOnMount', 'boolean', 'Whether mounts receive pod information.'),
    column('StorageCapacity', 'boolean', 'Whether the driver reports storage capacity.'),
    column('TokenRequests', 'string', 'Audiences of service account tokens passed to the driver.'),
    column('RequiresRepublish', 'boolean', 'Whether volumes are republished periodically.'),
    column('Modes', 'string', 'Volume lifecycle modes the driver supports.'),
    AGE_COLUMN,
  ],
  (d, now) => {
    const spec = d.spec;
    const modes = (spec?.volumeLifecycleModes ?? []).join(',');
    const tokens = spec?.tokenRequests;
    return [
      d.metadata?.name ?? '',
      spec?.attachRequired ?? true,
      spec?.podInfoOnMount ?? false,
      spec?.storageCapacity ?? false,
      tokens ? tokens.map((t) => t.audience).join(',') : '<unset>',
      spec?.requiresRepublish ?? false,
      modes === '' ? '<none>' : modes,
      since(d.metadata?.creationTimestamp, now),
    ];
  },
);

/** `kubectl get csinodes`. */
export const csiNodePrinter = printer<CSINode>(
  [NAME_COLUMN, column('Drivers', 'integer', 'CSI drivers registered on the node.'), AGE_COLUMN],
  (n, now) => [
    n.metadata?.name ?? '',
    n.spec?.drivers?.length ?? 0,
    since(n.metadata?.creationTimestamp, now),
  ],
);

/** `kubectl get volumeattachments`. */
export const volumeAttachmentPrinter = printer<VolumeAttachment>(
  [
    NAME_COLUMN,
    column('Attacher', 'string', 'The CSI driver attaching the volume.', { format: 'name' }),
    column('PV', 'string', 'The persistent volume being attached.'),
    column('Node', 'string', 'The node the volume is attached to.'),
    column('Attached', 'boolean', 'Whether the attach has completed.'),
    AGE_COLUMN,
  ],
  (va, now) => [
    va.metadata?.name ?? '',
    va.spec?.attacher ?? '',
    va.spec?.source?.persistentVolumeName ?? '',
    va.spec?.nodeName ?? '',
    va.status?.attached ?? false,
    since(va.metadata?.creationTimestamp, now),
  ],
);

/** `kubectl get csistoragecapacities`. */
export const csiStorageCapacityPrinter = printer<CSIStorageCapacity>(
  [
    NAME_COLUMN,
    column('StorageClassName', 'string', 'The storage class the capacity applies to.'),
    column('Capacity', 'string', 'Capacity available for new volumes.'),
  ],
  (c) => [
    c.metadata?.name ?? '',
    c.storageClassName ?? '',
    c.capacity === undefined || c.capacity === null ? '<unset>' : formatQuantity(c.capacity),
  ],
);

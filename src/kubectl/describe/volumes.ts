/**
 * Volumes as kubectl describes them: a pod's (or template's) `Volumes:` block and a
 * persistent volume's `Source:`, each source as a `Type:` line and its fields.
 */
import type { Volume } from 'kubernetes-types/core/v1';
import { compareStrings } from '../../sim/apiserver/printers/format';
import { goValue } from './govalues';
import { printPersistentVolumeClaim } from './pvc-spec';
import { quantity, quantityString } from './quantity';
import {
  bool,
  f,
  HOST_PATH,
  POD_PLUGIN_FORMATS,
  PV_PLUGIN_FORMATS,
  str,
  withExtra,
  writeSourceFormat,
  type Source,
  type SourceFormat,
} from './volume-formats';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, nestedWriter, type PrefixWriter } from './writer';

const CSI_TITLE = 'CSI (a Container Storage Interface (CSI) volume source)';

/** The source fields kubectl checks for a pod volume, in its order. */
const POD_ORDER = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'configMap',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'ephemeral',
  'rbd',
  'quobyte',
  'downwardAPI',
  'azureDisk',
  'vsphereVolume',
  'cinder',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'cephfs',
  'storageos',
  'fc',
  'azureFile',
  'flexVolume',
  'flocker',
  'projected',
  'csi',
  'image',
];

/** The source fields kubectl checks for a persistent volume, in its order. */
const PV_ORDER = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'quobyte',
  'vsphereVolume',
  'cinder',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'local',
  'cephfs',
  'storageos',
  'fc',
  'azureFile',
  'flexVolume',
  'flocker',
  'csi',
];

/** Writes the first source of `holder` named in `order`, or `<unknown>`. */
function describeSource(
  holder: Source,
  order: readonly string[],
  formats: Readonly<Record<string, SourceFormat>>,
  w: PrefixWriter,
): void {
  for (const key of order) {
    const source = holder[key];
    const format = formats[key];
    if (source === undefined || source === null || !format) continue;
    writeSourceFormat(format, source as Source, w);
    return;
  }
  w.write(LEVEL_1, '<unknown>\n');
}

/** A `Volumes:` block; `space` indents it inside a pod template. */
export function describeVolumes(
  volumes: readonly Volume[] | undefined,
  w: PrefixWriter,
  space: string,
): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const volume of volumes) {
    w.write(LEVEL_1, `${space === '' ? '' : ' '}${volume.name}:\n`);
    describeSource(volume as unknown as Source, POD_ORDER, POD_FORMATS, w);
  }
}

/** A persistent volume's `Source:` contents. */
export function describePersistentVolumeSource(spec: Source, w: PrefixWriter): void {
  describeSource(spec, PV_ORDER, PV_FORMATS, w);
}

function sizeLimit(s: Source): string {
  const limit = quantity(s.sizeLimit);
  return s.sizeLimit !== undefined && limit.nanos > 0n ? quantityString(limit) : '<unset>';
}

function describeEphemeralClaim(s: Source, w: PrefixWriter): void {
  const template = s.volumeClaimTemplate as { metadata?: object; spec?: object } | undefined;
  if (template) {
    printPersistentVolumeClaim(
      nestedWriter(w, LEVEL_2),
      { metadata: template.metadata, spec: template.spec },
      false,
    );
  }
}

function describeDownwardAPIItems(s: Source, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Items:\n');
  const items = (s.items ?? []) as {
    path: string;
    fieldRef?: { fieldPath: string };
    resourceFieldRef?: { resource: string };
  }[];
  for (const item of items) {
    if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
    if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
  }
}

/** An optional flag of a projection, which kubectl prints as a pointer: `<nil>` when unset. */
const optionalPointer = (value: unknown): string =>
  value === undefined || value === null ? '<nil>' : String(value);

function describeProjections(s: Source, w: PrefixWriter): void {
  const sources = (s.sources ?? []) as Record<string, Source | undefined>[];
  for (const p of sources) {
    if (p.secret) {
      const optional = optionalPointer(p.secret.optional);
      w.write(
        LEVEL_2,
        `SecretName:\t${goValue(p.secret.name, 'string')}\n    SecretOptionalName:\t${optional}\n`,
      );
    } else if (p.downwardAPI) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (p.configMap) {
      const optional = optionalPointer(p.configMap.optional);
      w.write(
        LEVEL_2,
        `ConfigMapName:\t${goValue(p.configMap.name, 'string')}\n    ConfigMapOptional:\t${optional}\n`,
      );
    } else if (p.serviceAccountToken) {
      w.write(
        LEVEL_2,
        `TokenExpirationSeconds:\t${goValue(p.serviceAccountToken.expirationSeconds, 'int')}\n`,
      );
    }
  }
}

/** A CSI source's attributes (kubectl indents each attribute line twice over). */
function describeVolumeAttributes(s: Source, w: PrefixWriter): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const attributes = (s.volumeAttributes ?? {}) as Record<string, string>;
  const keys = Object.keys(attributes).sort(compareStrings);
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_2, '    \t');
    const line = `${key}=${attributes[key] ?? ''}`;
    w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
  });
}

/** Every pod volume source's format, by source field. */
const POD_FORMATS: Readonly<Record<string, SourceFormat>> = {
  ...POD_PLUGIN_FORMATS,
  hostPath: HOST_PATH,
  emptyDir: f(
    "EmptyDir (a temporary directory that shares a pod's lifetime)",
    ['Medium:', str('medium')],
    ['SizeLimit:', sizeLimit],
  ),
  gitRepo: f(
    'GitRepo (a volume that is pulled from git when the pod is created)',
    ['Repository:', str('repository')],
    ['Revision:', str('revision')],
  ),
  secret: f(
    'Secret (a volume populated by a Secret)',
    ['SecretName:', str('secretName')],
    ['Optional:', bool('optional')],
  ),
  configMap: f(
    'ConfigMap (a volume populated by a ConfigMap)',
    ['Name:', str('name')],
    ['Optional:', bool('optional')],
  ),
  persistentVolumeClaim: f(
    'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
    ['ClaimName:', str('claimName')],
    ['ReadOnly:', bool('readOnly')],
  ),
  ephemeral: withExtra(
    f('EphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)'),
    describeEphemeralClaim,
  ),
  downwardAPI: withExtra(
    f('DownwardAPI (a volume populated by information about the pod)'),
    describeDownwardAPIItems,
  ),
  projected: withExtra(
    f('Projected (a volume that contains injected data from multiple sources)'),
    describeProjections,
  ),
  csi: withExtra(
    f(CSI_TITLE, ['Driver:', str('driver')], ['FSType:', str('fsType')], ['ReadOnly:', bool('readOnly')]),
    describeVolumeAttributes,
  ),
  image: f(
    'Image (a container image or OCI artifact)',
    ['Reference:', str('reference')],
    ['PullPolicy:', str('pullPolicy')],
  ),
};

/** Every persistent volume source's format, by source field. */
const PV_FORMATS: Readonly<Record<string, SourceFormat>> = {
  ...PV_PLUGIN_FORMATS,
  hostPath: HOST_PATH,
  csi: withExtra(
    f(
      CSI_TITLE,
      ['Driver:', str('driver')],
      ['FSType:', str('fsType')],
      ['VolumeHandle:', str('volumeHandle')],
      ['ReadOnly:', bool('readOnly')],
    ),
    describeVolumeAttributes,
  ),
};

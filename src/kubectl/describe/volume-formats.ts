/**
 * The formats of the in-tree volume plugins' sources (NFS, iSCSI, cloud disks...) as
 * kubectl describes them, for pod volumes and, where the API differs, persistent volumes:
 * a `Type:` line naming the kind of source, then its fields four spaces in.
 */
import { goList } from './format';
import { goLocalObjectReference, goMap, goSecretReference, goValue } from './govalues';
import { LEVEL_2, type PrefixWriter } from './writer';

/** A volume source as JSON (`hostPath`, `nfs`, ...). */
export type Source = Readonly<Record<string, unknown>>;
/** One `    Label:\tvalue` line of a source. */
export type Field = readonly [label: string, value: (s: Source) => string];

/** A string field (`''` when missing). */
export const str = (key: string) => (s: Source) => goValue(s[key], 'string');
const int = (key: string) => (s: Source) => goValue(s[key], 'int');
/** A bool field (`false` when missing). */
export const bool = (key: string) => (s: Source) => goValue(s[key], 'bool');
const list = (key: string) => (s: Source) => goList(s[key] as unknown[] | undefined);
const localRef = (s: Source) => goLocalObjectReference(s.secretRef as { name?: string } | undefined);
const secretRef = (s: Source) => goSecretReference(s.secretRef as { name?: string } | undefined);
const orNone = (key: string) => (s: Source) => (typeof s[key] === 'string' ? (s[key] as string) : '<none>');

/** A source printed as a type description, a list of fields, then anything irregular. */
export interface SourceFormat {
  readonly title: string;
  readonly fields: readonly Field[];
  readonly extra?: (s: Source, w: PrefixWriter) => void;
}

/** A source format from its title and fields. */
export const f = (title: string, ...fields: Field[]): SourceFormat => ({ title, fields });

/** The same format followed by an irregular part. */
export const withExtra = (format: SourceFormat, extra: SourceFormat['extra']): SourceFormat => ({
  ...format,
  extra,
});

const GCE = f(
  'GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)',
  ['PDName:', str('pdName')],
  ['FSType:', str('fsType')],
  ['Partition:', int('partition')],
  ['ReadOnly:', bool('readOnly')],
);
const AWS = f(
  'AWSElasticBlockStore (a Persistent Disk resource in AWS)',
  ['VolumeID:', str('volumeID')],
  ['FSType:', str('fsType')],
  ['Partition:', int('partition')],
  ['ReadOnly:', bool('readOnly')],
);
const NFS = f(
  'NFS (an NFS mount that lasts the lifetime of a pod)',
  ['Server:', str('server')],
  ['Path:', str('path')],
  ['ReadOnly:', bool('readOnly')],
);
const iscsi = (ref: (s: Source) => string) =>
  f(
    "ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)",
    ['TargetPortal:', str('targetPortal')],
    ['IQN:', str('iqn')],
    ['Lun:', int('lun')],
    ['ISCSIInterface', str('iscsiInterface')],
    ['FSType:', str('fsType')],
    ['ReadOnly:', bool('readOnly')],
    ['Portals:', list('portals')],
    ['DiscoveryCHAPAuth:', bool('chapAuthDiscovery')],
    ['SessionCHAPAuth:', bool('chapAuthSession')],
    ['SecretRef:', ref],
    ['InitiatorName:', orNone('initiatorName')],
  );
const GLUSTER_TITLE = "Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)";
const rbd = (ref: (s: Source) => string) =>
  f(
    "RBD (a Rados Block Device mount on the host that shares a pod's lifetime)",
    ['CephMonitors:', list('monitors')],
    ['RBDImage:', str('image')],
    ['FSType:', str('fsType')],
    ['RBDPool:', str('pool')],
    ['RadosUser:', str('user')],
    ['Keyring:', str('keyring')],
    ['SecretRef:', ref],
    ['ReadOnly:', bool('readOnly')],
  );
const QUOBYTE = f(
  "Quobyte (a Quobyte mount on the host that shares a pod's lifetime)",
  ['Registry:', str('registry')],
  ['Volume:', str('volume')],
  ['ReadOnly:', bool('readOnly')],
);
const AZURE_DISK = f(
  'AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)',
  ['DiskName:', str('diskName')],
  ['DiskURI:', str('diskURI')],
  ['Kind: ', str('kind')],
  ['FSType:', str('fsType')],
  ['CachingMode:', str('cachingMode')],
  ['ReadOnly:', bool('readOnly')],
);
const VSPHERE = f(
  'vSphereVolume (a Persistent Disk resource in vSphere)',
  ['VolumePath:', str('volumePath')],
  ['FSType:', str('fsType')],
  ['StoragePolicyName:', str('storagePolicyName')],
);
const cinder = (ref: (s: Source) => string) =>
  f(
    'Cinder (a Persistent Disk resource in OpenStack)',
    ['VolumeID:', str('volumeID')],
    ['FSType:', str('fsType')],
    ['ReadOnly:', bool('readOnly')],
    ['SecretRef:', ref],
  );
const PHOTON = f(
  'PhotonPersistentDisk (a Persistent Disk resource in photon platform)',
  ['PdID:', str('pdID')],
  ['FSType:', str('fsType')],
);
const PORTWORX = f('PortworxVolume (a Portworx Volume resource)', ['VolumeID:', str('volumeID')]);
const SCALEIO_TITLE = 'ScaleIO (a persistent volume backed by a block device in ScaleIO)';
const SCALEIO_HEAD: Field[] = [
  ['Gateway:', str('gateway')],
  ['System:', str('system')],
  ['Protection Domain:', str('protectionDomain')],
  ['Storage Pool:', str('storagePool')],
  ['Storage Mode:', str('storageMode')],
  ['VolumeName:', str('volumeName')],
];
const SCALEIO_TAIL: Field[] = [
  ['FSType:', str('fsType')],
  ['ReadOnly:', bool('readOnly')],
];
const cephfs = (ref: (s: Source) => string) =>
  f(
    "CephFS (a CephFS mount on the host that shares a pod's lifetime)",
    ['Monitors:', list('monitors')],
    ['Path:', str('path')],
    ['User:', str('user')],
    ['SecretFile:', str('secretFile')],
    ['SecretRef:', ref],
    ['ReadOnly:', bool('readOnly')],
  );
const STORAGEOS = f(
  'StorageOS (a StorageOS Persistent Disk resource)',
  ['VolumeName:', str('volumeName')],
  ['VolumeNamespace:', str('volumeNamespace')],
  ['FSType:', str('fsType')],
  ['ReadOnly:', bool('readOnly')],
);
const FC = f(
  'FC (a Fibre Channel disk)',
  ['TargetWWNs:', (s) => ((s.targetWWNs as string[] | undefined) ?? []).join(', ')],
  ['LUN:', (s) => (typeof s.lun === 'number' ? String(s.lun) : '<none>')],
  ['FSType:', str('fsType')],
  ['ReadOnly:', bool('readOnly')],
);
const AZURE_FILE_TITLE = 'AzureFile (an Azure File Service mount on the host and bind mount to the pod)';
const flex = (ref: (s: Source) => string) =>
  f(
    'FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)',
    ['Driver:', str('driver')],
    ['FSType:', str('fsType')],
    ['SecretRef:', ref],
    ['ReadOnly:', bool('readOnly')],
    ['Options:', (s) => goMap(s.options as Record<string, string> | undefined)],
  );
const FLOCKER = f(
  'Flocker (a Flocker volume mounted by the Flocker agent)',
  ['DatasetName:', str('datasetName')],
  ['DatasetUUID:', str('datasetUUID')],
);
/** A hostPath source, pod volume or persistent volume alike. */
export const HOST_PATH = f(
  'HostPath (bare host directory volume)',
  ['Path:', str('path')],
  ['HostPathType:', orNone('type')],
);

/** Writes a source: its type line and fields, then its irregular part if any. */
export function writeSourceFormat(format: SourceFormat, source: Source, w: PrefixWriter): void {
  const lines = format.fields.map(([label, value]) => `    ${label}\t${value(source)}\n`);
  w.write(LEVEL_2, `Type:\t${format.title}\n${lines.join('')}`);
  format.extra?.(source, w);
}

/** The in-tree plugins' formats for pod volumes, by source field. */
export const POD_PLUGIN_FORMATS: Readonly<Record<string, SourceFormat>> = {
  gcePersistentDisk: GCE,
  awsElasticBlockStore: AWS,
  nfs: NFS,
  iscsi: iscsi(localRef),
  glusterfs: f(
    GLUSTER_TITLE,
    ['EndpointsName:', str('endpoints')],
    ['Path:', str('path')],
    ['ReadOnly:', bool('readOnly')],
  ),
  rbd: rbd(localRef),
  quobyte: QUOBYTE,
  azureDisk: AZURE_DISK,
  vsphereVolume: VSPHERE,
  cinder: cinder(localRef),
  photonPersistentDisk: PHOTON,
  portworxVolume: PORTWORX,
  scaleIO: f(SCALEIO_TITLE, ...SCALEIO_HEAD, ...SCALEIO_TAIL),
  cephfs: cephfs(localRef),
  storageos: STORAGEOS,
  fc: FC,
  azureFile: f(
    AZURE_FILE_TITLE,
    ['SecretName:', str('secretName')],
    ['ShareName:', str('shareName')],
    ['ReadOnly:', bool('readOnly')],
  ),
  flexVolume: flex(localRef),
  flocker: FLOCKER,
};

/** The in-tree plugins' formats for persistent volumes, by source field. */
export const PV_PLUGIN_FORMATS: Readonly<Record<string, SourceFormat>> = {
  ...POD_PLUGIN_FORMATS,
  iscsi: iscsi(secretRef),
  glusterfs: f(
    GLUSTER_TITLE,
    ['EndpointsName:', str('endpoints')],
    [
      'EndpointsNamespace:',
      (s) => (typeof s.endpointsNamespace === 'string' ? s.endpointsNamespace : '<unset>'),
    ],
    ['Path:', str('path')],
    ['ReadOnly:', bool('readOnly')],
  ),
  rbd: rbd(secretRef),
  cinder: cinder(secretRef),
  scaleIO: f(
    SCALEIO_TITLE,
    ...SCALEIO_HEAD,
    ['SecretName:', (s) => goValue((s.secretRef as Source | undefined)?.name, 'string')],
    ['SecretNamespace:', (s) => goValue((s.secretRef as Source | undefined)?.namespace, 'string')],
    ...SCALEIO_TAIL,
  ),
  local: f('LocalVolume (a persistent volume backed by local storage on a node)', ['Path:', str('path')]),
  cephfs: cephfs(secretRef),
  azureFile: f(
    AZURE_FILE_TITLE,
    ['SecretName:', str('secretName')],
    ['SecretNamespace:', str('secretNamespace')],
    ['ShareName:', str('shareName')],
    ['ReadOnly:', bool('readOnly')],
  ),
  flexVolume: flex(secretRef),
};

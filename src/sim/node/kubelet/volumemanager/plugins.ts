/**
 * The in-tree volume plugins the kubelet mounts itself, on the node's host filesystem:
 * emptyDir (a directory under the pod's volume dir, 0777; `medium: Memory` is a tmpfs,
 * 1777), hostPath (the host path itself, after its type check: DirectoryOrCreate and
 * FileOrCreate make what is missing, the other types fail with hostPath's `type check failed`
 * messages), and the API-data plugins configMap, secret, downwardAPI and projected (an
 * emptyDir, tmpfs except for configMap, filled by the atomic writer). Tearing down removes
 * the pod's directories; a hostPath stays as it is.
 */
import type { Kernel } from '../../../kernel/kernel';
import { FsError, type Filesystem } from '../../cri/fs';
import type { PodObject } from '../context';
import { writePayload } from './atomic-writer';
import { makePayload, type PayloadSources } from './payload';
import type { VolumeSpec } from './specs';

/** What the plugins work with. */
export interface PluginHost {
  readonly kernel: Kernel;
  /** The node's host filesystem. */
  readonly fs: Filesystem;
  readonly sources: PayloadSources;
}

type InTree = Exclude<VolumeSpec, { kind: 'csi' }>;

/** The plugin directory names under `volumes/` (escaped qualified plugin names). */
function pluginDir(spec: InTree): string {
  if (spec.kind === 'emptyDir') return 'kubernetes.io~empty-dir';
  if (spec.kind === 'hostPath') return 'kubernetes.io~host-path';
  const v = spec.volume;
  if (v.configMap !== undefined) return 'kubernetes.io~configmap';
  if (v.secret !== undefined) return 'kubernetes.io~secret';
  if (v.downwardAPI !== undefined) return 'kubernetes.io~downward-api';
  return 'kubernetes.io~projected';
}

/** `/var/lib/kubelet/pods/<uid>/volumes/<plugin>/<name>`. */
export function podVolumeDir(podUid: string, spec: InTree): string {
  return `/var/lib/kubelet/pods/${podUid}/volumes/${pluginDir(spec)}/${spec.name}`;
}

/** Whether the plugin mounts its volumes read-only in containers (API data volumes). */
export function alwaysReadOnly(spec: VolumeSpec): boolean {
  return spec.kind === 'api';
}

const HOST_PATH_CHECKS: Readonly<Record<string, readonly [string, string]>> = {
  Directory: ['dir', 'is not a directory'],
  File: ['file', 'is not a file'],
  Socket: ['socket', 'is not a socket file'],
  CharDevice: ['char', 'is not a character device'],
  BlockDevice: ['block', 'is not a block device'],
};

/** hostPath's checkType: makes what DirectoryOrCreate/FileOrCreate ask for, checks the rest. */
function checkHostPath(fs: Filesystem, path: string, type: string): void {
  if (type === '') return;
  const exists = fs.exists(path);
  if (type === 'DirectoryOrCreate' && !exists) return void fs.mkdirAll(path);
  if (type === 'FileOrCreate' && !exists) {
    try {
      return fs.writeFile(path, '');
    } catch (error) {
      if (error instanceof FsError)
        throw new Error(`open ${path}: ${error.message.toLowerCase()}`, { cause: error });
      throw error;
    }
  }
  const check = HOST_PATH_CHECKS[type.replace('OrCreate', '')];
  if (check === undefined) throw new Error(`${type} is an invalid volume type`);
  if (!exists || fs.stat(path).type !== check[0])
    throw new Error(`hostPath type check failed: ${path} ${check[1]}`);
}

/** SetUp: makes the volume ready on the host; returns the host path to bind into containers. */
export function setUp(host: PluginHost, pod: PodObject, spec: InTree, cause: number | null): string {
  const uid = pod.metadata.uid ?? '';
  if (spec.kind === 'hostPath') {
    checkHostPath(host.fs, spec.path, spec.type);
    return spec.path;
  }
  const dir = podVolumeDir(uid, spec);
  const tmpfs = spec.kind === 'emptyDir' ? spec.memory : spec.volume.configMap === undefined;
  const payload = spec.kind === 'api' ? makePayload(pod, spec.volume, host.sources, cause) : null;
  if (!host.fs.exists(dir)) host.fs.mkdirAll(dir).mode = tmpfs ? 0o1777 : 0o777;
  if (payload !== null) writePayload(host.fs, host.kernel, dir, payload);
  return dir;
}

/** TearDown: removes the pod's copy of the volume (a hostPath is left alone). */
export function tearDown(host: PluginHost, podUid: string, spec: InTree): void {
  if (spec.kind === 'hostPath') return;
  const dir = podVolumeDir(podUid, spec);
  if (host.fs.exists(dir)) host.fs.remove(dir, { recursive: true, force: true });
}

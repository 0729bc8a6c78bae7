/**
 * Static pods (upstream's pkg/kubelet/config file source and applyDefaults): the kubelet runs
 * the pod manifests in its node's manifest directory (`--pod-manifest-path`, kubeadm's
 * `/etc/kubernetes/manifests`) itself, without the scheduler. Each manifest is decoded with
 * the API's defaults, then named `<name>-<node>`, bound to the node, given a uid that is a
 * hash of the manifest, the node and the file (also its `kubernetes.io/config.hash`), the
 * source `file`, the time the kubelet first saw it, and a toleration of every NoExecute taint
 * so that node problems do not evict it.
 *
 * Upstream hashes an MD5 of Go's dump of the pod; this hashes a stable JSON encoding with
 * SHA-256 cut to the same 32 hex digits: different values, the same shape and behaviour (the
 * hash changes when the manifest does).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { defaultPod } from '../../../apiserver/defaults/pod';
import { stableJson } from '../../../controllers/deployment/hash';
import type { VirtualClock } from '../../../kernel/clock';
import { sha256 } from '../../kube-proxy/hash';
import type { PodObject } from '../context';

/** kubeadm's manifest directory: the kubelet's `staticPodPath`. */
export const STATIC_POD_PATH = '/etc/kubernetes/manifests';

const CONFIG_SOURCE = 'kubernetes.io/config.source';
export const CONFIG_HASH = 'kubernetes.io/config.hash';
const CONFIG_SEEN = 'kubernetes.io/config.seen';
export const CONFIG_MIRROR = 'kubernetes.io/config.mirror';

/** A manifest in the manifest directory: its file name and the pod it holds. */
export interface StaticPodManifest {
  /** `etcd.yaml`, `kube-apiserver.yaml`... */
  readonly file: string;
  readonly pod: Pod;
}

/** IsStaticPod: the pod came from a manifest (any source other than the API). */
export function isStatic(pod: PodObject): boolean {
  const source = pod.metadata.annotations?.[CONFIG_SOURCE];
  return source !== undefined && source !== 'api';
}

/** IsMirrorPod: the API's copy of a static pod, which the kubelet keeps but does not run. */
export function isMirror(pod: PodObject): boolean {
  return pod.metadata.annotations?.[CONFIG_MIRROR] !== undefined;
}

/** Go's RFC3339Nano text of a virtual instant (trailing zeros of the fraction dropped). */
export function rfc3339Nano(clock: VirtualClock): string {
  const iso = new Date(clock.epoch + Math.floor(clock.now())).toISOString();
  return iso.replace(/\.(\d*?)0*Z$/, (_m, digits: string) => (digits === '' ? 'Z' : `.${digits}Z`));
}

/** The static pod the kubelet runs for a manifest in `dir` on `nodeName`. */
export function staticPod(
  manifest: StaticPodManifest,
  nodeName: string,
  clock: VirtualClock,
  dir = STATIC_POD_PATH,
): PodObject {
  const pod = JSON.parse(JSON.stringify(manifest.pod)) as Pod;
  defaultPod(pod);
  const digest = sha256(`${stableJson(pod)}host:${nodeName}file:${dir}/${manifest.file}`);
  const uid = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const meta = pod.metadata ?? {};
  const spec = pod.spec ?? { containers: [] };
  const tolerations = spec.tolerations ?? [];
  const toleratesNoExecute = tolerations.some(
    (t) => t.key === undefined && t.operator === 'Exists' && t.effect === 'NoExecute',
  );
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta,
      name: `${meta.name ?? ''}-${nodeName}`,
      namespace: meta.namespace ?? 'default',
      uid,
      annotations: {
        ...meta.annotations,
        [CONFIG_HASH]: uid,
        [CONFIG_SEEN]: rfc3339Nano(clock),
        [CONFIG_SOURCE]: 'file',
      },
    },
    spec: {
      ...spec,
      nodeName,
      tolerations: toleratesNoExecute
        ? tolerations
        : [...tolerations, { operator: 'Exists', effect: 'NoExecute' }],
    },
    status: { phase: 'Pending' },
  };
}

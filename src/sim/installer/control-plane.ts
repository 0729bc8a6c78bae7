/**
 * The control plane as `kubeadm init` lays it out: etcd, kube-apiserver,
 * kube-controller-manager and kube-scheduler as static pods, from the manifests kubeadm
 * writes to the control-plane node's /etc/kubernetes/manifests. The control-plane kubelet
 * runs them and mirrors them into kube-system as `<name>-control-plane`, which is how
 * `kubectl get pods -n kube-system` shows them. (What these processes do is simulated by the
 * components themselves; these pods are their faces in the API.)
 */
import type { Container, Pod, Probe, Volume } from 'kubernetes-types/core/v1';
import type { StaticPodManifest } from '../node/kubelet/config/static-pods';
import { hostPathVolume } from './manifests';
import { IMAGES, POD_SUBNET } from './versions';

/** What kubeadm's manifests need to know about the control-plane node. */
export interface ControlPlaneHost {
  /** The node's name (etcd's member name). */
  readonly nodeName: string;
  /** The node's address, kube-apiserver's advertise address. */
  readonly address: string;
}

const SERVICE_SUBNET = '10.96.0.0/12';

const probe = (
  host: string,
  port: number,
  path: string,
  scheme: 'HTTP' | 'HTTPS',
  failureThreshold: number,
): Probe => ({
  httpGet: { host, port, path, scheme },
  initialDelaySeconds: 10,
  periodSeconds: 10,
  timeoutSeconds: 15,
  failureThreshold,
});

const mount = (name: string, mountPath: string, readOnly = true) => ({
  name,
  mountPath,
  ...(readOnly ? { readOnly } : {}),
});

function staticPod(
  name: string,
  annotations: Record<string, string>,
  container: Container,
  volumes: Volume[],
): StaticPodManifest {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'kube-system',
      labels: { component: name, tier: 'control-plane' },
      annotations,
    },
    spec: {
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ imagePullPolicy: 'IfNotPresent', ...container }],
      volumes,
    },
  };
  return { file: `${name}.yaml`, pod: pod as Pod };
}

const PKI = [
  hostPathVolume('ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'),
  hostPathVolume('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'),
];
const PKI_MOUNTS = [mount('ca-certs', '/etc/ssl/certs'), mount('k8s-certs', '/etc/kubernetes/pki')];

/** The four static pod manifests kubeadm writes for a control plane at `host`. */
export function controlPlaneManifests(host: ControlPlaneHost): StaticPodManifest[] {
  const { nodeName, address } = host;
  const etcd = staticPod(
    'etcd',
    { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${address}:2379` },
    {
      name: 'etcd',
      image: IMAGES.etcd,
      command: [
        'etcd',
        `--advertise-client-urls=https://${address}:2379`,
        '--data-dir=/var/lib/etcd',
        `--initial-advertise-peer-urls=https://${address}:2380`,
        `--initial-cluster=${nodeName}=https://${address}:2380`,
        `--listen-client-urls=https://127.0.0.1:2379,https://${address}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${address}:2380`,
        `--name=${nodeName}`,
        '--snapshot-count=10000',
      ],
      resources: { requests: { cpu: '100m', memory: '100Mi' } },
      livenessProbe: probe('127.0.0.1', 2381, '/livez', 'HTTP', 8),
      readinessProbe: probe('127.0.0.1', 2381, '/readyz', 'HTTP', 3),
      volumeMounts: [
        mount('etcd-data', '/var/lib/etcd', false),
        mount('etcd-certs', '/etc/kubernetes/pki/etcd', false),
      ],
    },
    [
      hostPathVolume('etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'),
      hostPathVolume('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate'),
    ],
  );
  const apiserver = staticPod(
    'kube-apiserver',
    { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${address}:6443` },
    {
      name: 'kube-apiserver',
      image: IMAGES.kubeApiserver,
      command: [
        'kube-apiserver',
        `--advertise-address=${address}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction',
        '--etcd-servers=https://127.0.0.1:2379',
        '--secure-port=6443',
        `--service-cluster-ip-range=${SERVICE_SUBNET}`,
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
      ],
      resources: { requests: { cpu: '250m' } },
      livenessProbe: probe(address, 6443, '/livez', 'HTTPS', 8),
      readinessProbe: { ...probe(address, 6443, '/readyz', 'HTTPS', 3), periodSeconds: 1 },
      startupProbe: probe(address, 6443, '/livez', 'HTTPS', 24),
      volumeMounts: PKI_MOUNTS,
    },
    PKI,
  );
  const controllerManager = staticPod(
    'kube-controller-manager',
    {},
    {
      name: 'kube-controller-manager',
      image: IMAGES.kubeControllerManager,
      command: [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--bind-address=127.0.0.1',
        `--cluster-cidr=${POD_SUBNET}`,
        '--cluster-name=kubernetes',
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        `--service-cluster-ip-range=${SERVICE_SUBNET}`,
        '--use-service-account-credentials=true',
      ],
      resources: { requests: { cpu: '200m' } },
      livenessProbe: probe('127.0.0.1', 10257, '/healthz', 'HTTPS', 8),
      startupProbe: probe('127.0.0.1', 10257, '/healthz', 'HTTPS', 24),
      volumeMounts: [...PKI_MOUNTS, mount('kubeconfig', '/etc/kubernetes/controller-manager.conf')],
    },
    [...PKI, hostPathVolume('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate')],
  );
  const scheduler = staticPod(
    'kube-scheduler',
    {},
    {
      name: 'kube-scheduler',
      image: IMAGES.kubeScheduler,
      command: [
        'kube-scheduler',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ],
      resources: { requests: { cpu: '100m' } },
      livenessProbe: probe('127.0.0.1', 10259, '/livez', 'HTTPS', 8),
      readinessProbe: probe('127.0.0.1', 10259, '/readyz', 'HTTPS', 3),
      startupProbe: probe('127.0.0.1', 10259, '/livez', 'HTTPS', 24),
      volumeMounts: [mount('kubeconfig', '/etc/kubernetes/scheduler.conf')],
    },
    [hostPathVolume('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate')],
  );
  return [etcd, apiserver, controllerManager, scheduler];
}

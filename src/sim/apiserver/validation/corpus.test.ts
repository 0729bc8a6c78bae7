import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { createErrors } from './testing';

const container = {
  name: 'app',
  image: 'nginx:1.27',
  ports: [{ name: 'http', containerPort: 8080 }],
  env: [
    { name: 'MODE', value: 'prod' },
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'level' } } },
    { name: 'LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
  ],
  envFrom: [{ secretRef: { name: 'creds' } }],
  resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
  readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
  livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 10 },
  lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
  volumeMounts: [
    { name: 'config', mountPath: '/etc/app' },
    { name: 'cache', mountPath: '/cache' },
  ],
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 1000,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
  },
};
const podSpec = {
  containers: [container],
  initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'] }],
  volumes: [
    { name: 'config', configMap: { name: 'cfg', items: [{ key: 'app.yaml', path: 'app.yaml' }] } },
    { name: 'cache', emptyDir: { sizeLimit: '1Gi' } },
  ],
  tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
  affinity: {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: { matchLabels: { app: 'web' } },
          },
        },
      ],
    },
  },
  topologySpreadConstraints: [
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { app: 'web' } },
    },
  ],
  securityContext: { fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } },
};
const template = { metadata: { labels: { app: 'web' } }, spec: podSpec };
const ns = { namespace: 'default' };

/** Manifests like the ones in tutorials and lessons: all valid. */
const VALID: object[] = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', ...ns }, spec: podSpec },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...ns },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', ...ns },
    spec: {
      serviceName: 'db',
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template,
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', ...ns },
    spec: { selector: { matchLabels: { app: 'web' } }, template },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'once', ...ns },
    spec: { completions: 3, parallelism: 2, template: { spec: { ...podSpec, restartPolicy: 'OnFailure' } } },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', ...ns },
    spec: {
      schedule: '0 2 * * *',
      jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: 'Never' } } } },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', ...ns },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg', ...ns },
    data: { level: 'info', 'app.yaml': 'a: 1' },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'creds', ...ns },
    type: 'Opaque',
    stringData: { password: 's3cret' },
  },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { team: 'a' } } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', ...ns } },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', ...ns },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'standard',
      resources: { requests: { storage: '5Gi' } },
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', ...ns },
    spec: {
      tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }],
      rules: [
        {
          host: 'web.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'web', port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'db', ...ns },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }],
    },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'pod-reader' },
    rules: [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
      { nonResourceURLs: ['/healthz'], verbs: ['get'] },
    ],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'read-pods' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pod-reader' },
    subjects: [
      { kind: 'ServiceAccount', name: 'builder', namespace: 'default' },
      { kind: 'Group', name: 'system:authenticated' },
    ],
  },
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', ...ns },
    spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', ...ns },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
    },
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'high' },
    value: 100000,
    globalDefault: false,
  },
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard' },
    provisioner: 'rancher.io/local-path',
    volumeBindingMode: 'WaitForFirstConsumer',
  },
  {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'node-1', namespace: 'kube-node-lease' },
    spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 },
  },
];

describe('a corpus of everyday manifests', () => {
  it.each(VALID.map((o) => [(o as KubeObject).kind, o] as const))('accepts a valid %s', (_, obj) => {
    expect(createErrors(obj)).toEqual([]);
  });
});

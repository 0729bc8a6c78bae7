/**
 * ingress-nginx as kind's ingress guide installs it: the `kind` provider manifest of
 * ingress-nginx controller-v1.12.0 (deploy/static/provider/kind/deploy.yaml). It creates the
 * ingress-nginx namespace, the controller's ServiceAccount and ConfigMap, its NodePort Service
 * and the admission webhook's Service, the controller Deployment (hostPorts 80 and 443, on the
 * node labelled `ingress-ready=true`, tolerating the control-plane taint, publishing
 * `localhost` as every Ingress's address) and the IngressClass `nginx`, which the manifest
 * does not mark as the default class. kind's cluster config gives the control-plane node the
 * `ingress-ready=true` label ({@link INGRESS_READY_LABEL}) through kubelet's `--node-labels`.
 *
 * Left out, as for the other addons: the RBAC objects (the simulated apiserver authorizes
 * everything). Also left out: the admission webhook's certificate Jobs (kube-webhook-certgen
 * `create` and `patch`), their ServiceAccount, the ValidatingWebhookConfiguration and the
 * controller's `webhook-cert` Secret volume and `--validating-webhook*` flags: kube-apiserver
 * here calls no admission webhooks, so nothing would use them.
 */
import { fieldEnv, LINUX } from './manifests';

type Json = Record<string, unknown>;

export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';
/** The controller image of the manifest, by tag and digest. */
export const INGRESS_NGINX_IMAGE =
  'registry.k8s.io/ingress-nginx/controller:v1.12.0@sha256:e6b8de175acda6ca913891f0f727bca4527e797d52688cbe9fec9040d6f6b6fa';
/** The label kind's guide gives the node whose ports 80 and 443 the host maps (extraPortMappings). */
export const INGRESS_READY_LABEL: Readonly<Record<string, string>> = { 'ingress-ready': 'true' };
/** The IngressClass the manifest creates, and the controller it names. */
export const INGRESS_CLASS = 'nginx';
export const INGRESS_CONTROLLER = 'k8s.io/ingress-nginx';
/** The controller's Deployment and Services. */
export const CONTROLLER_NAME = 'ingress-nginx-controller';

const PART_OF = {
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
};
/** The controller pods' labels the Deployment and both Services select. */
export const CONTROLLER_SELECTOR: Readonly<Record<string, string>> = {
  'app.kubernetes.io/component': 'controller',
  ...PART_OF,
};
const LABELS = {
  ...CONTROLLER_SELECTOR,
  'app.kubernetes.io/part-of': 'ingress-nginx',
  'app.kubernetes.io/version': '1.12.0',
};

const object = (apiVersion: string, kind: string, name: string, rest: Json, namespaced = true): Json => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespaced ? { namespace: INGRESS_NGINX_NAMESPACE } : {}), labels: LABELS },
  ...rest,
});

const healthz = (failureThreshold: number) => ({
  failureThreshold,
  httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' },
  initialDelaySeconds: 10,
  periodSeconds: 10,
  successThreshold: 1,
  timeoutSeconds: 1,
});

const tcp = (name: string, containerPort: number, hostPort?: number) => ({
  containerPort,
  ...(hostPort === undefined ? {} : { hostPort }),
  name,
  protocol: 'TCP',
});

function controllerDeployment(): Json {
  const container = {
    args: [
      '/nginx-ingress-controller',
      '--election-id=ingress-nginx-leader',
      `--controller-class=${INGRESS_CONTROLLER}`,
      `--ingress-class=${INGRESS_CLASS}`,
      '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
      '--watch-ingress-without-class=true',
      '--publish-status-address=localhost',
    ],
    env: [
      fieldEnv('POD_NAME', 'metadata.name'),
      fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
      { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
    ],
    image: INGRESS_NGINX_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
    livenessProbe: healthz(5),
    name: 'controller',
    ports: [tcp('http', 80, 80), tcp('https', 443, 443), tcp('webhook', 8443)],
    readinessProbe: healthz(3),
    resources: { requests: { cpu: '100m', memory: '90Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
      readOnlyRootFilesystem: false,
      runAsGroup: 82,
      runAsNonRoot: true,
      runAsUser: 101,
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
  const controlPlane = (key: string) => ({ effect: 'NoSchedule', key, operator: 'Equal' });
  return object('apps/v1', 'Deployment', CONTROLLER_NAME, {
    spec: {
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      selector: { matchLabels: CONTROLLER_SELECTOR },
      strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: LABELS },
        spec: {
          containers: [container],
          dnsPolicy: 'ClusterFirst',
          nodeSelector: { ...INGRESS_READY_LABEL, ...LINUX },
          serviceAccountName: 'ingress-nginx',
          terminationGracePeriodSeconds: 0,
          tolerations: [
            controlPlane('node-role.kubernetes.io/master'),
            controlPlane('node-role.kubernetes.io/control-plane'),
          ],
        },
      },
    },
  });
}

/** The objects the manifest creates (see the file comment for what is left out), in its order. */
export function ingressNginxAddon(): Json[] {
  const port = (name: string, number: number, targetPort: string) => ({
    appProtocol: name === 'https-webhook' ? 'https' : name,
    name,
    port: number,
    ...(name === 'https-webhook' ? {} : { protocol: 'TCP' }),
    targetPort,
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: INGRESS_NGINX_NAMESPACE, labels: PART_OF },
    },
    object('v1', 'ServiceAccount', 'ingress-nginx', { automountServiceAccountToken: true }),
    object('v1', 'ConfigMap', CONTROLLER_NAME, {}),
    object('v1', 'Service', CONTROLLER_NAME, {
      spec: {
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [port('http', 80, 'http'), port('https', 443, 'https')],
        selector: CONTROLLER_SELECTOR,
        type: 'NodePort',
      },
    }),
    object('v1', 'Service', `${CONTROLLER_NAME}-admission`, {
      spec: {
        ports: [port('https-webhook', 443, 'webhook')],
        selector: CONTROLLER_SELECTOR,
        type: 'ClusterIP',
      },
    }),
    controllerDeployment(),
    object(
      'networking.k8s.io/v1',
      'IngressClass',
      INGRESS_CLASS,
      { spec: { controller: INGRESS_CONTROLLER } },
      false,
    ),
  ];
}

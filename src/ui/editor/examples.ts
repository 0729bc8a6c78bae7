/**
 * Starter manifests for the YAML editor, in the shapes the Kubernetes documentation uses
 * (Deployment, Service, a Pod with probes, a ConfigMap). They work together: the Service
 * selects the Deployment's Pods, and the images are ones the simulated nodes can run.
 */

/** One example the editor offers. */
export interface Example {
  readonly id: string;
  readonly label: string;
  readonly text: string;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - name: http
      protocol: TCP
      port: 80
      targetPort: 80
`;

const POD_WITH_PROBES = `apiVersion: v1
kind: Pod
metadata:
  name: probed
  labels:
    app: probed
spec:
  containers:
    - name: nginx
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 80
      startupProbe:
        httpGet:
          path: /
          port: http
        failureThreshold: 30
        periodSeconds: 2
      readinessProbe:
        httpGet:
          path: /
          port: http
        periodSeconds: 5
      livenessProbe:
        tcpSocket:
          port: http
        initialDelaySeconds: 5
        periodSeconds: 10
`;

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  # Property-like keys: each key maps to a simple value.
  log_level: info
  worker_processes: "2"
  # File-like keys: the value is a whole file.
  index.html: |
    <h1>Hello from a ConfigMap</h1>
`;

/** The examples, in the order the editor lists them. */
export const EXAMPLES: readonly Example[] = [
  { id: 'deployment', label: 'Deployment', text: DEPLOYMENT },
  { id: 'service', label: 'Service', text: SERVICE },
  { id: 'pod-probes', label: 'Pod with probes', text: POD_WITH_PROBES },
  { id: 'configmap', label: 'ConfigMap', text: CONFIG_MAP },
  {
    id: 'web-app',
    label: 'Deployment + Service (two documents)',
    text: `${DEPLOYMENT}---\n${SERVICE}`,
  },
];

/** What the editor holds before anything is chosen. */
export const INITIAL_TEXT = DEPLOYMENT;

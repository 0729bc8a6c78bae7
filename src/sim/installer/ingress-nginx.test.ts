import { describe, expect, it } from 'vitest';
import { addonManifests } from '.';
import { ingressNginxAddon } from './ingress-nginx';

type Obj = {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: object };
  spec?: never;
};

const objects = ingressNginxAddon() as Obj[];
const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe("ingress-nginx's kind manifest", () => {
  it('creates the namespace first, then its objects in the manifest order', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/ingress-nginx',
      'ServiceAccount/ingress-nginx',
      'ConfigMap/ingress-nginx-controller',
      'Service/ingress-nginx-controller',
      'Service/ingress-nginx-controller-admission',
      'Deployment/ingress-nginx-controller',
      'IngressClass/nginx',
    ]);
    expect(objects.filter((o) => o.metadata.namespace !== 'ingress-nginx').map((o) => o.kind)).toEqual([
      'Namespace',
      'IngressClass',
    ]);
  });

  it('serves through a NodePort Service and an IngressClass that is not the default', () => {
    expect(find('Service', 'ingress-nginx-controller')?.spec).toMatchObject({
      type: 'NodePort',
      ports: [
        { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
        { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
      ],
    });
    expect(find('Service', 'ingress-nginx-controller-admission')?.spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ appProtocol: 'https', name: 'https-webhook', port: 443, targetPort: 'webhook' }],
    });
    const cls = find('IngressClass', 'nginx');
    expect(cls?.spec).toEqual({ controller: 'k8s.io/ingress-nginx' });
    expect(cls?.metadata.annotations).toBeUndefined();
  });

  it('runs the controller on the ingress-ready node with hostPorts 80 and 443, publishing localhost', () => {
    const spec = (
      find('Deployment', 'ingress-nginx-controller')?.spec as unknown as {
        template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } };
      }
    ).template.spec;
    expect(spec.nodeSelector).toEqual({ 'ingress-ready': 'true', 'kubernetes.io/os': 'linux' });
    expect(spec.tolerations).toEqual([
      { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Equal' },
      { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Equal' },
    ]);
    expect(spec.terminationGracePeriodSeconds).toBe(0);
    const [container] = spec.containers;
    expect(container?.image).toBe(
      'registry.k8s.io/ingress-nginx/controller:v1.12.0@sha256:e6b8de175acda6ca913891f0f727bca4527e797d52688cbe9fec9040d6f6b6fa',
    );
    expect(container?.args).toEqual(
      expect.arrayContaining([
        '/nginx-ingress-controller',
        '--watch-ingress-without-class=true',
        '--publish-status-address=localhost',
      ]),
    );
    expect(container?.ports).toEqual([
      { containerPort: 80, hostPort: 80, name: 'http', protocol: 'TCP' },
      { containerPort: 443, hostPort: 443, name: 'https', protocol: 'TCP' },
      { containerPort: 8443, name: 'webhook', protocol: 'TCP' },
    ]);
  });

  it('is applied by the installer only when asked for', () => {
    const base = {
      controlPlaneNode: 'control-plane',
      cni: 'kindnet',
      proxyMode: 'iptables',
      metricsServer: false,
    } as const;
    const kinds = (o: Record<string, unknown>[]) => o.filter((x) => x.kind === 'IngressClass').length;
    expect(kinds(addonManifests(base))).toBe(0);
    expect(kinds(addonManifests({ ...base, ingressController: 'none' }))).toBe(0);
    expect(kinds(addonManifests({ ...base, ingressController: 'ingress-nginx' }))).toBe(1);
  });
});

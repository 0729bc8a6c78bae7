/**
 * `kubectl cluster-info`: where the control plane is (the kubeconfig's server) and where the
 * cluster services labelled `kubernetes.io/cluster-service=true` are reached through the
 * apiserver's service proxy.
 */
import type { Service } from 'kubernetes-types/core/v1';
import { resourcePath } from '../resource/paths';
import type { Command } from './types';

/** How the apiserver proxy names a service port: `name`, `name:port` or `scheme:name:port`. */
function proxyName(service: Service): string {
  const name = service.metadata?.name ?? '';
  const port = service.spec?.ports?.[0];
  if (port === undefined) return name;
  const portName = port.name ?? '';
  if (portName === 'https' || port.port === 443) return `https:${name}:${portName}`;
  return portName === '' ? name : `${name}:${portName}`;
}

export const clusterInfo: Command = {
  name: 'cluster-info',
  usage: 'cluster-info [flags]',
  short: 'Display cluster information',
  long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  example: '# Print the address of the control plane and cluster services\nkubectl cluster-info',
  async run(ctx) {
    const namespace = ctx.flags.string('namespace') || 'kube-system';
    const server = ctx.clientConfig().server;
    let failure: unknown;
    try {
      const mapping = await ctx.mapper().mappingFor('services');
      const list = await ctx.client().json<{ items: Service[] }>({
        path: resourcePath(mapping, namespace),
        query: { labelSelector: ['kubernetes.io/cluster-service=true'] },
      });
      ctx.out.stdout(`Kubernetes control plane is running at ${server}\n`);
      for (const service of list.items) {
        const ingress = service.status?.loadBalancer?.ingress?.[0];
        const link =
          ingress === undefined
            ? `${server}/api/v1/namespaces/${service.metadata?.namespace ?? ''}/services/${proxyName(service)}/proxy`
            : (service.spec?.ports ?? [])
                .map((p) => `http://${ingress.ip || ingress.hostname || ''}:${p.port} `)
                .join('');
        const title = service.metadata?.labels?.['kubernetes.io/name'] || service.metadata?.name || '';
        ctx.out.stdout(`${title} is running at ${link}\n`);
      }
    } catch (error) {
      failure = error;
    }
    ctx.out.stdout("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    if (failure !== undefined) throw failure;
  },
};

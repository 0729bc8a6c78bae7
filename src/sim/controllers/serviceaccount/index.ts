/**
 * The service account controller (kube-controller-manager's `serviceaccount-controller`):
 * makes sure every active namespace has a `default` ServiceAccount, creating it when a
 * namespace appears and re-creating it when someone deletes it. Namespaces that are being
 * deleted are left alone.
 */
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import type { ControllerDescriptor } from '../manager';

/** The service accounts ensured in every namespace (upstream's defaults). */
export const SERVICE_ACCOUNTS_TO_ENSURE: readonly string[] = ['default'];

function coreResource(plural: string): ResourceInfo {
  const r = findResource('', 'v1', plural);
  if (r === undefined) throw new Error(`no core resource ${plural}`);
  return r;
}

const NAMESPACES = coreResource('namespaces');
const SERVICE_ACCOUNTS = coreResource('serviceaccounts');

/**
 * Whether a create failed because its namespace is being deleted: upstream checks for the
 * `NamespaceTerminating` cause; this apiserver's NamespaceLifecycle may only say so in the
 * message.
 */
export function isNamespaceTerminating(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 403) return false;
  const causes = error.status.details?.causes ?? [];
  return (
    causes.some((c) => c.reason === 'NamespaceTerminating') ||
    (error.status.message ?? '').includes('because it is being terminated')
  );
}

/** kube-controller-manager's service account controller. */
export const serviceAccount: ControllerDescriptor = {
  name: 'serviceaccount-controller',
  setup(ctx) {
    const namespaces = ctx.informers.informerFor<KubeObject>(NAMESPACES);
    const serviceAccounts = ctx.informers.informerFor<KubeObject>(SERVICE_ACCOUNTS);

    const controller = ctx.controller({
      name: 'serviceaccount',
      sync(key, cause) {
        const ns = namespaces.lister.get(key);
        // Not found, or not active: nothing to create.
        if ((ns?.status as { phase?: string } | undefined)?.phase !== 'Active') return;
        const failures: string[] = [];
        for (const name of SERVICE_ACCOUNTS_TO_ENSURE) {
          if (serviceAccounts.lister.get(`${key}/${name}`) !== undefined) continue;
          try {
            ctx.client.create(
              SERVICE_ACCOUNTS,
              key,
              { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: key } },
              cause,
            );
          } catch (error) {
            if (error instanceof ApiError && error.status.reason === 'AlreadyExists') continue;
            if (isNamespaceTerminating(error)) continue;
            failures.push(error instanceof Error ? error.message : String(error));
          }
        }
        if (failures.length > 0)
          throw new Error(failures.length === 1 ? failures[0] : `[${failures.join(', ')}]`);
      },
    });

    const enqueueNamespace = (ns: KubeObject, cause: number | null) =>
      controller.queue.add(ns.metadata.name ?? '', cause);
    namespaces.addHandlers({
      add: enqueueNamespace,
      update: (_old, ns, cause) => enqueueNamespace(ns, cause),
    });
    serviceAccounts.addHandlers({
      delete: (sa, cause) => controller.queue.add(sa.metadata.namespace ?? '', cause),
    });
  },
};

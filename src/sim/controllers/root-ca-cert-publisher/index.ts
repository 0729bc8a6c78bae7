/**
 * The root CA certificate publisher (kube-controller-manager's
 * `root-ca-certificate-publisher-controller`): keeps a `kube-root-ca.crt` ConfigMap in every
 * namespace holding the cluster's CA bundle, so pods can verify kube-apiserver. It creates the
 * ConfigMap when a namespace appears and restores it when it is deleted or changed.
 */
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import type { ControllerDescriptor } from '../manager';

/** The ConfigMap the publisher keeps in every namespace. */
export const ROOT_CA_CONFIG_MAP_NAME = 'kube-root-ca.crt';
/** The annotation describing what the ConfigMap is for. */
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
/** Upstream's text for {@link DESCRIPTION_ANNOTATION}. */
export const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

/**
 * The simulated cluster's CA certificate: a fixed PEM block. Its body decodes to a note that
 * it is not a real X.509 certificate; the simulation does no cryptography.
 */
export const CLUSTER_CA_CERT = `-----BEGIN CERTIFICATE-----
S3ViZWxhYiBzaW11bGF0ZWQgY2x1c3RlciBDQSwgQ049a3ViZXJuZXRlcy4gVGhp
cyBpcyBub3QgYSByZWFsIFguNTA5IGNlcnRpZmljYXRlOiB0aGUgc2ltdWxhdGVk
IGNsdXN0ZXIgZG9lcyBubyBjcnlwdG9ncmFwaHksIGl0IG9ubHkgY2FycmllcyB0
aGlzIGJ1bmRsZSBhcm91bmQgbGlrZSBrdWJlLWNvbnRyb2xsZXItbWFuYWdlciBk
b2VzLg==
-----END CERTIFICATE-----
`;

function coreResource(plural: string): ResourceInfo {
  const r = findResource('', 'v1', plural);
  if (r === undefined) throw new Error(`no core resource ${plural}`);
  return r;
}

const NAMESPACES = coreResource('namespaces');
const CONFIG_MAPS = coreResource('configmaps');

type ConfigMap = KubeObject & { data?: Record<string, string> };

/** Whether a create failed because its namespace is being deleted (see upstream's NamespaceTerminating cause). */
function isNamespaceTerminating(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 403) return false;
  const causes = error.status.details?.causes ?? [];
  return (
    causes.some((c) => c.reason === 'NamespaceTerminating') ||
    (error.status.message ?? '').includes('because it is being terminated')
  );
}

/** True if `data` is exactly `{ "ca.crt": <the CA> }`. */
function holdsOnlyTheCa(data: Record<string, string> | undefined, ca: string): boolean {
  const keys = Object.keys(data ?? {});
  return keys.length === 1 && data?.['ca.crt'] === ca;
}

/** Builds the publisher for a given CA bundle (the cluster's by default). */
export function rootCaCertPublisherFor(rootCa: string): ControllerDescriptor {
  return {
    name: 'root-ca-certificate-publisher-controller',
    setup(ctx) {
      const namespaces = ctx.informers.informerFor<KubeObject>(NAMESPACES);
      const configMaps = ctx.informers.informerFor<ConfigMap>(CONFIG_MAPS);

      const controller = ctx.controller({
        name: 'root_ca_cert_publisher',
        sync(ns, cause) {
          const cm = configMaps.lister.get(`${ns}/${ROOT_CA_CONFIG_MAP_NAME}`);
          if (cm === undefined) {
            try {
              ctx.client.create(
                CONFIG_MAPS,
                ns,
                {
                  apiVersion: 'v1',
                  kind: 'ConfigMap',
                  metadata: {
                    name: ROOT_CA_CONFIG_MAP_NAME,
                    annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION },
                  },
                  data: { 'ca.crt': rootCa },
                },
                cause,
              );
            } catch (error) {
              // Don't retry a create if the namespace doesn't exist or is terminating.
              if (error instanceof ApiError && error.code === 404) return;
              if (isNamespaceTerminating(error)) return;
              throw error;
            }
            return;
          }
          const annotations = cm.metadata.annotations ?? {};
          if (holdsOnlyTheCa(cm.data, rootCa) && (annotations[DESCRIPTION_ANNOTATION] ?? '') !== '') return;
          ctx.client.update(
            CONFIG_MAPS,
            {
              ...cm,
              metadata: {
                ...cm.metadata,
                annotations: { ...annotations, [DESCRIPTION_ANNOTATION]: DESCRIPTION },
              },
              data: { 'ca.crt': rootCa },
            },
            undefined,
            cause,
          );
        },
      });

      const enqueueFor = (cm: ConfigMap, cause: number | null) => {
        if (cm.metadata.name !== ROOT_CA_CONFIG_MAP_NAME) return;
        controller.queue.add(cm.metadata.namespace ?? '', cause);
      };
      configMaps.addHandlers({ update: (_old, cm, cause) => enqueueFor(cm, cause), delete: enqueueFor });
      namespaces.addHandlers({
        add: (ns, cause) => controller.queue.add(ns.metadata.name ?? '', cause),
        update: (_old, ns, cause) => {
          if ((ns.status as { phase?: string } | undefined)?.phase !== 'Active') return;
          controller.queue.add(ns.metadata.name ?? '', cause);
        },
      });
    },
  };
}

/** kube-controller-manager's root CA certificate publisher, publishing {@link CLUSTER_CA_CERT}. */
export const rootCaCertPublisher: ControllerDescriptor = rootCaCertPublisherFor(CLUSTER_CA_CERT);

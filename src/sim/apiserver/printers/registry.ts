/**
 * Which printer serves which resource, keyed `<group>/<plural>` as kube-apiserver wires its
 * registries' TableConvertors. Resources without an entry (roles, clusterroles, limitranges,
 * custom resources without printer columns...) get the default Name / Created At table.
 */
import { apiServicePrinter } from './apiservices';
import { horizontalPodAutoscalerPrinter } from './autoscaling';
import { cronJobPrinter, jobPrinter } from './batch';
import { column, NAME_COLUMN, printer } from './columns';
import { configMapPrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter } from './config';
import { rfc3339 } from './duration';
import { eventPrinter } from './events';
import { componentStatusPrinter, leasePrinter, namespacePrinter, nodePrinter } from './nodes';
import { podPrinter, podTemplatePrinter } from './pods';
import {
  podDisruptionBudgetPrinter,
  priorityClassPrinter,
  runtimeClassPrinter,
  validatingAdmissionPolicyBindingPrinter,
  validatingAdmissionPolicyPrinter,
  webhookConfigurationPrinter,
} from './policy';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac';
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from './services';
import {
  csiDriverPrinter,
  csiNodePrinter,
  csiStorageCapacityPrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  storageClassPrinter,
  volumeAttachmentPrinter,
} from './storage';
import type { Printer } from './types';
import { faultPrinter } from '../../faults/printer';
import type { KubeObject } from '../types';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads';

/** The generic table: the object's name and its creation time in RFC 3339. */
export const defaultPrinter: Printer = printer<KubeObject>(
  [NAME_COLUMN, column('Created At', 'date', 'When the object was created.')],
  (obj) => [obj.metadata?.name ?? '', rfc3339(obj.metadata?.creationTimestamp)],
);

const PRINTERS: ReadonlyMap<string, Printer> = new Map([
  ['/pods', podPrinter],
  ['/podtemplates', podTemplatePrinter],
  ['/replicationcontrollers', replicationControllerPrinter],
  ['/services', servicePrinter],
  ['/endpoints', endpointsPrinter],
  ['/nodes', nodePrinter],
  ['/events', eventPrinter],
  ['/namespaces', namespacePrinter],
  ['/secrets', secretPrinter],
  ['/serviceaccounts', serviceAccountPrinter],
  ['/configmaps', configMapPrinter],
  ['/resourcequotas', resourceQuotaPrinter],
  ['/persistentvolumes', persistentVolumePrinter],
  ['/persistentvolumeclaims', persistentVolumeClaimPrinter],
  ['/componentstatuses', componentStatusPrinter],
  ['apiregistration.k8s.io/apiservices', apiServicePrinter],
  ['apps/deployments', deploymentPrinter],
  ['apps/replicasets', replicaSetPrinter],
  ['apps/statefulsets', statefulSetPrinter],
  ['apps/daemonsets', daemonSetPrinter],
  ['apps/controllerrevisions', controllerRevisionPrinter],
  ['batch/jobs', jobPrinter],
  ['batch/cronjobs', cronJobPrinter],
  ['autoscaling/horizontalpodautoscalers', horizontalPodAutoscalerPrinter],
  ['policy/poddisruptionbudgets', podDisruptionBudgetPrinter],
  ['networking.k8s.io/ingresses', ingressPrinter],
  ['networking.k8s.io/ingressclasses', ingressClassPrinter],
  ['networking.k8s.io/networkpolicies', networkPolicyPrinter],
  ['discovery.k8s.io/endpointslices', endpointSlicePrinter],
  ['events.k8s.io/events', eventPrinter],
  ['rbac.authorization.k8s.io/rolebindings', roleBindingPrinter],
  ['rbac.authorization.k8s.io/clusterrolebindings', clusterRoleBindingPrinter],
  ['coordination.k8s.io/leases', leasePrinter],
  ['node.k8s.io/runtimeclasses', runtimeClassPrinter],
  ['scheduling.k8s.io/priorityclasses', priorityClassPrinter],
  ['storage.k8s.io/storageclasses', storageClassPrinter],
  ['storage.k8s.io/csidrivers', csiDriverPrinter],
  ['storage.k8s.io/csinodes', csiNodePrinter],
  ['storage.k8s.io/volumeattachments', volumeAttachmentPrinter],
  ['storage.k8s.io/csistoragecapacities', csiStorageCapacityPrinter],
  ['chaos.kubelab.dev/faults', faultPrinter],
  ['admissionregistration.k8s.io/mutatingwebhookconfigurations', webhookConfigurationPrinter],
  ['admissionregistration.k8s.io/validatingwebhookconfigurations', webhookConfigurationPrinter],
  ['admissionregistration.k8s.io/validatingadmissionpolicies', validatingAdmissionPolicyPrinter],
  ['admissionregistration.k8s.io/validatingadmissionpolicybindings', validatingAdmissionPolicyBindingPrinter],
]);

/** The printer for a resource, or the default table's. */
export function printerFor(resource: { readonly group: string; readonly plural: string }): Printer {
  return PRINTERS.get(`${resource.group}/${resource.plural}`) ?? defaultPrinter;
}

/** Whether a resource has its own columns (false: the default Name / Created At table). */
export function hasCustomColumns(resource: { readonly group: string; readonly plural: string }): boolean {
  return PRINTERS.has(`${resource.group}/${resource.plural}`);
}

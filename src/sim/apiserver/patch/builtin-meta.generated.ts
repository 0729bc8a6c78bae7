/**
 * GENERATED; do not edit. Regenerate with
 *   npx tsx src/server/openapi/patch-meta.ts --write
 * (src/server/openapi/patch-meta.ts) from the Kubernetes v1.32 Go API types that
 * `bash .ci/fetch-k8s-protos.sh` fetches: their OpenAPI schemas' x-kubernetes-patch-strategy /
 * x-kubernetes-patch-merge-key (the Go struct tags patchStrategy / patchMergeKey), cut down to
 * what strategic merge patch needs for the kinds the simulated apiserver serves.
 * src/server/openapi/patch-meta.test.ts fails when this file and the sources disagree.
 */
import type { PatchMetaTable } from './builtin';

export const BUILTIN_PATCH_META: PatchMetaTable = {
  kinds: {
    'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration':
      'io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy':
      'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicy',
    'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding':
      'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding',
    'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration':
      'io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration',
    'apps/v1/ControllerRevision': 'io.k8s.api.apps.v1.ControllerRevision',
    'apps/v1/DaemonSet': 'io.k8s.api.apps.v1.DaemonSet',
    'apps/v1/Deployment': 'io.k8s.api.apps.v1.Deployment',
    'apps/v1/ReplicaSet': 'io.k8s.api.apps.v1.ReplicaSet',
    'apps/v1/StatefulSet': 'io.k8s.api.apps.v1.StatefulSet',
    'autoscaling/v1/HorizontalPodAutoscaler': 'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler',
    'autoscaling/v2/HorizontalPodAutoscaler': 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
    'batch/v1/CronJob': 'io.k8s.api.batch.v1.CronJob',
    'batch/v1/Job': 'io.k8s.api.batch.v1.Job',
    'coordination.k8s.io/v1/Lease': 'io.k8s.api.coordination.v1.Lease',
    'discovery.k8s.io/v1/EndpointSlice': 'io.k8s.api.discovery.v1.EndpointSlice',
    'events.k8s.io/v1/Event': 'io.k8s.api.events.v1.Event',
    'networking.k8s.io/v1/Ingress': 'io.k8s.api.networking.v1.Ingress',
    'networking.k8s.io/v1/IngressClass': 'io.k8s.api.networking.v1.IngressClass',
    'networking.k8s.io/v1/NetworkPolicy': 'io.k8s.api.networking.v1.NetworkPolicy',
    'node.k8s.io/v1/RuntimeClass': 'io.k8s.api.node.v1.RuntimeClass',
    'policy/v1/PodDisruptionBudget': 'io.k8s.api.policy.v1.PodDisruptionBudget',
    'rbac.authorization.k8s.io/v1/ClusterRole': 'io.k8s.api.rbac.v1.ClusterRole',
    'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'io.k8s.api.rbac.v1.ClusterRoleBinding',
    'rbac.authorization.k8s.io/v1/Role': 'io.k8s.api.rbac.v1.Role',
    'rbac.authorization.k8s.io/v1/RoleBinding': 'io.k8s.api.rbac.v1.RoleBinding',
    'scheduling.k8s.io/v1/PriorityClass': 'io.k8s.api.scheduling.v1.PriorityClass',
    'storage.k8s.io/v1/CSIDriver': 'io.k8s.api.storage.v1.CSIDriver',
    'storage.k8s.io/v1/CSINode': 'io.k8s.api.storage.v1.CSINode',
    'storage.k8s.io/v1/CSIStorageCapacity': 'io.k8s.api.storage.v1.CSIStorageCapacity',
    'storage.k8s.io/v1/StorageClass': 'io.k8s.api.storage.v1.StorageClass',
    'storage.k8s.io/v1/VolumeAttachment': 'io.k8s.api.storage.v1.VolumeAttachment',
    'v1/ConfigMap': 'io.k8s.api.core.v1.ConfigMap',
    'v1/Endpoints': 'io.k8s.api.core.v1.Endpoints',
    'v1/Event': 'io.k8s.api.core.v1.Event',
    'v1/LimitRange': 'io.k8s.api.core.v1.LimitRange',
    'v1/Namespace': 'io.k8s.api.core.v1.Namespace',
    'v1/Node': 'io.k8s.api.core.v1.Node',
    'v1/PersistentVolume': 'io.k8s.api.core.v1.PersistentVolume',
    'v1/PersistentVolumeClaim': 'io.k8s.api.core.v1.PersistentVolumeClaim',
    'v1/Pod': 'io.k8s.api.core.v1.Pod',
    'v1/PodTemplate': 'io.k8s.api.core.v1.PodTemplate',
    'v1/ReplicationController': 'io.k8s.api.core.v1.ReplicationController',
    'v1/ResourceQuota': 'io.k8s.api.core.v1.ResourceQuota',
    'v1/Secret': 'io.k8s.api.core.v1.Secret',
    'v1/Service': 'io.k8s.api.core.v1.Service',
    'v1/ServiceAccount': 'io.k8s.api.core.v1.ServiceAccount',
  },
  types: {
    'io.k8s.api.admissionregistration.v1.MutatingWebhook': { matchConditions: ['', 'merge', 'name'] },
    'io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      webhooks: ['[]io.k8s.api.admissionregistration.v1.MutatingWebhook', 'merge', 'name'],
    },
    'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicy': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicySpec'],
    },
    'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    },
    'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicySpec': {
      matchConditions: ['', 'merge', 'name'],
      variables: ['', 'merge', 'name'],
    },
    'io.k8s.api.admissionregistration.v1.ValidatingWebhook': { matchConditions: ['', 'merge', 'name'] },
    'io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      webhooks: ['[]io.k8s.api.admissionregistration.v1.ValidatingWebhook', 'merge', 'name'],
    },
    'io.k8s.api.apps.v1.ControllerRevision': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    },
    'io.k8s.api.apps.v1.DaemonSet': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.apps.v1.DaemonSetSpec'],
      status: ['io.k8s.api.apps.v1.DaemonSetStatus'],
    },
    'io.k8s.api.apps.v1.DaemonSetSpec': { template: ['io.k8s.api.core.v1.PodTemplateSpec'] },
    'io.k8s.api.apps.v1.DaemonSetStatus': { conditions: ['', 'merge', 'type'] },
    'io.k8s.api.apps.v1.Deployment': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.apps.v1.DeploymentSpec'],
      status: ['io.k8s.api.apps.v1.DeploymentStatus'],
    },
    'io.k8s.api.apps.v1.DeploymentSpec': {
      strategy: ['', 'retainKeys'],
      template: ['io.k8s.api.core.v1.PodTemplateSpec'],
    },
    'io.k8s.api.apps.v1.DeploymentStatus': { conditions: ['', 'merge', 'type'] },
    'io.k8s.api.apps.v1.ReplicaSet': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.apps.v1.ReplicaSetSpec'],
      status: ['io.k8s.api.apps.v1.ReplicaSetStatus'],
    },
    'io.k8s.api.apps.v1.ReplicaSetSpec': { template: ['io.k8s.api.core.v1.PodTemplateSpec'] },
    'io.k8s.api.apps.v1.ReplicaSetStatus': { conditions: ['', 'merge', 'type'] },
    'io.k8s.api.apps.v1.StatefulSet': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.apps.v1.StatefulSetSpec'],
      status: ['io.k8s.api.apps.v1.StatefulSetStatus'],
    },
    'io.k8s.api.apps.v1.StatefulSetSpec': {
      template: ['io.k8s.api.core.v1.PodTemplateSpec'],
      volumeClaimTemplates: ['[]io.k8s.api.core.v1.PersistentVolumeClaim'],
    },
    'io.k8s.api.apps.v1.StatefulSetStatus': { conditions: ['', 'merge', 'type'] },
    'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    },
    'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      status: ['io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus'],
    },
    'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus': { conditions: ['', 'merge', 'type'] },
    'io.k8s.api.batch.v1.CronJob': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.batch.v1.CronJobSpec'],
    },
    'io.k8s.api.batch.v1.CronJobSpec': { jobTemplate: ['io.k8s.api.batch.v1.JobTemplateSpec'] },
    'io.k8s.api.batch.v1.Job': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.batch.v1.JobSpec'],
      status: ['io.k8s.api.batch.v1.JobStatus'],
    },
    'io.k8s.api.batch.v1.JobSpec': { template: ['io.k8s.api.core.v1.PodTemplateSpec'] },
    'io.k8s.api.batch.v1.JobStatus': { conditions: ['', 'merge', 'type'] },
    'io.k8s.api.batch.v1.JobTemplateSpec': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.batch.v1.JobSpec'],
    },
    'io.k8s.api.coordination.v1.Lease': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.core.v1.ConfigMap': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.core.v1.Container': {
      env: ['', 'merge', 'name'],
      ports: ['', 'merge', 'containerPort'],
      volumeDevices: ['', 'merge', 'devicePath'],
      volumeMounts: ['', 'merge', 'mountPath'],
    },
    'io.k8s.api.core.v1.ContainerStatus': {
      allocatedResourcesStatus: ['', 'merge', 'name'],
      volumeMounts: ['', 'merge', 'mountPath'],
    },
    'io.k8s.api.core.v1.Endpoints': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.core.v1.EphemeralContainer': {
      env: ['', 'merge', 'name'],
      ports: ['', 'merge', 'containerPort'],
      volumeDevices: ['', 'merge', 'devicePath'],
      volumeMounts: ['', 'merge', 'mountPath'],
    },
    'io.k8s.api.core.v1.EphemeralVolumeSource': {
      volumeClaimTemplate: ['io.k8s.api.core.v1.PersistentVolumeClaimTemplate'],
    },
    'io.k8s.api.core.v1.Event': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.core.v1.LimitRange': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.core.v1.Namespace': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      status: ['io.k8s.api.core.v1.NamespaceStatus'],
    },
    'io.k8s.api.core.v1.NamespaceStatus': { conditions: ['', 'merge', 'type'] },
    'io.k8s.api.core.v1.Node': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.core.v1.NodeSpec'],
      status: ['io.k8s.api.core.v1.NodeStatus'],
    },
    'io.k8s.api.core.v1.NodeSpec': { podCIDRs: ['', 'merge'] },
    'io.k8s.api.core.v1.NodeStatus': { addresses: ['', 'merge', 'type'], conditions: ['', 'merge', 'type'] },
    'io.k8s.api.core.v1.PersistentVolume': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.core.v1.PersistentVolumeClaim': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      status: ['io.k8s.api.core.v1.PersistentVolumeClaimStatus'],
    },
    'io.k8s.api.core.v1.PersistentVolumeClaimStatus': { conditions: ['', 'merge', 'type'] },
    'io.k8s.api.core.v1.PersistentVolumeClaimTemplate': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    },
    'io.k8s.api.core.v1.Pod': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.core.v1.PodSpec'],
      status: ['io.k8s.api.core.v1.PodStatus'],
    },
    'io.k8s.api.core.v1.PodSpec': {
      containers: ['[]io.k8s.api.core.v1.Container', 'merge', 'name'],
      ephemeralContainers: ['[]io.k8s.api.core.v1.EphemeralContainer', 'merge', 'name'],
      hostAliases: ['', 'merge', 'ip'],
      imagePullSecrets: ['', 'merge', 'name'],
      initContainers: ['[]io.k8s.api.core.v1.Container', 'merge', 'name'],
      resourceClaims: ['', 'merge,retainKeys', 'name'],
      schedulingGates: ['', 'merge', 'name'],
      topologySpreadConstraints: ['', 'merge', 'topologyKey'],
      volumes: ['[]io.k8s.api.core.v1.Volume', 'merge,retainKeys', 'name'],
    },
    'io.k8s.api.core.v1.PodStatus': {
      conditions: ['', 'merge', 'type'],
      containerStatuses: ['[]io.k8s.api.core.v1.ContainerStatus'],
      ephemeralContainerStatuses: ['[]io.k8s.api.core.v1.ContainerStatus'],
      hostIPs: ['', 'merge', 'ip'],
      initContainerStatuses: ['[]io.k8s.api.core.v1.ContainerStatus'],
      podIPs: ['', 'merge', 'ip'],
      resourceClaimStatuses: ['', 'merge,retainKeys', 'name'],
    },
    'io.k8s.api.core.v1.PodTemplate': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      template: ['io.k8s.api.core.v1.PodTemplateSpec'],
    },
    'io.k8s.api.core.v1.PodTemplateSpec': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.core.v1.PodSpec'],
    },
    'io.k8s.api.core.v1.ReplicationController': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.core.v1.ReplicationControllerSpec'],
      status: ['io.k8s.api.core.v1.ReplicationControllerStatus'],
    },
    'io.k8s.api.core.v1.ReplicationControllerSpec': { template: ['io.k8s.api.core.v1.PodTemplateSpec'] },
    'io.k8s.api.core.v1.ReplicationControllerStatus': { conditions: ['', 'merge', 'type'] },
    'io.k8s.api.core.v1.ResourceQuota': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.core.v1.Secret': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.core.v1.Service': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.core.v1.ServiceSpec'],
      status: ['io.k8s.api.core.v1.ServiceStatus'],
    },
    'io.k8s.api.core.v1.ServiceAccount': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      secrets: ['', 'merge', 'name'],
    },
    'io.k8s.api.core.v1.ServiceSpec': { ports: ['', 'merge', 'port'] },
    'io.k8s.api.core.v1.ServiceStatus': { conditions: ['', 'merge', 'type'] },
    'io.k8s.api.core.v1.Volume': { ephemeral: ['io.k8s.api.core.v1.EphemeralVolumeSource'] },
    'io.k8s.api.discovery.v1.EndpointSlice': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    },
    'io.k8s.api.events.v1.Event': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.networking.v1.Ingress': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.networking.v1.IngressClass': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    },
    'io.k8s.api.networking.v1.NetworkPolicy': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    },
    'io.k8s.api.node.v1.RuntimeClass': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.policy.v1.PodDisruptionBudget': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.policy.v1.PodDisruptionBudgetSpec'],
      status: ['io.k8s.api.policy.v1.PodDisruptionBudgetStatus'],
    },
    'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': { selector: ['', 'replace'] },
    'io.k8s.api.policy.v1.PodDisruptionBudgetStatus': { conditions: ['', 'merge', 'type'] },
    'io.k8s.api.rbac.v1.ClusterRole': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.rbac.v1.ClusterRoleBinding': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    },
    'io.k8s.api.rbac.v1.Role': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.rbac.v1.RoleBinding': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.scheduling.v1.PriorityClass': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    },
    'io.k8s.api.storage.v1.CSIDriver': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.storage.v1.CSINode': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      spec: ['io.k8s.api.storage.v1.CSINodeSpec'],
    },
    'io.k8s.api.storage.v1.CSINodeSpec': { drivers: ['', 'merge', 'name'] },
    'io.k8s.api.storage.v1.CSIStorageCapacity': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    },
    'io.k8s.api.storage.v1.StorageClass': { metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] },
    'io.k8s.api.storage.v1.VolumeAttachment': {
      metadata: ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    },
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
      finalizers: ['', 'merge'],
      ownerReferences: ['', 'merge', 'uid'],
    },
  },
};

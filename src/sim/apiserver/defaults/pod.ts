/**
 * Pod spec defaults. Every object that embeds a pod spec (Pod, PodTemplate,
 * ReplicationController, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob)
 * gets `defaultPodSpec`; a few more defaults materialize only on Pods themselves.
 */
import type { Container, Pod, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { defaultContainer } from './container';
import { defaultVolume } from './volumes';
import { child, isEmptyString, isNil, isRecord, isZero, present, records } from './util';

/** Seconds a pod gets between SIGTERM and SIGKILL unless it asks otherwise. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** The scheduler that places pods which do not name one. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/**
 * Defaults a pod spec wherever it appears: DNS policy `ClusterFirst`, restart policy
 * `Always`, an empty security context, a 30 s grace period, the default scheduler, then
 * every volume, init container, container and ephemeral container.
 */
export function defaultPodSpec(spec: PodSpec): void {
  if (isEmptyString(spec.dnsPolicy)) spec.dnsPolicy = 'ClusterFirst';
  if (isEmptyString(spec.restartPolicy)) spec.restartPolicy = 'Always';
  if (isNil(spec.securityContext)) spec.securityContext = {};
  if (isNil(spec.terminationGracePeriodSeconds)) {
    spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  }
  if (isEmptyString(spec.schedulerName)) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  for (const volume of records(spec.volumes)) defaultVolume(volume);
  for (const container of records(spec.initContainers)) defaultContainer(container);
  for (const container of records(spec.containers)) defaultContainer(container);
  // An ephemeral container has a container's fields (and a targetContainerName).
  for (const container of records(spec.ephemeralContainers)) defaultContainer(container as Container);
}

/** Defaults the pod spec inside a pod template (its metadata has no defaults). */
export function defaultPodTemplateSpec(template: PodTemplateSpec): void {
  const spec = child(template, 'spec');
  if (spec) defaultPodSpec(spec);
}

/** A container that sets limits but not requests for a resource requests its limit. */
function defaultRequestsToLimits(container: Container): void {
  const resources = present(container, 'resources');
  const limits = resources?.limits;
  if (!resources || !isRecord(limits) || Object.keys(limits).length === 0) return;
  if (isNil(resources.requests)) resources.requests = {};
  const requests = resources.requests;
  if (!isRecord(requests)) return;
  for (const [name, quantity] of Object.entries(limits)) {
    if (!(name in requests)) requests[name] = quantity;
  }
}

/**
 * Defaults a Pod: first what only Pods get (requests copied from limits for containers and
 * init containers, `enableServiceLinks: true`, host ports mirroring container ports on the
 * host network), then the pod spec defaults every template gets too.
 */
export function defaultPod(pod: Pod): void {
  const spec = child(pod, 'spec');
  if (!spec) return;
  const containers = [...records(spec.containers), ...records(spec.initContainers)];
  for (const container of containers) defaultRequestsToLimits(container);
  if (isNil(spec.enableServiceLinks)) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const container of containers) {
      for (const port of records(container.ports)) {
        if (isZero(port.hostPort) && !isZero(port.containerPort)) port.hostPort = port.containerPort;
      }
    }
  }
  defaultPodSpec(spec);
}

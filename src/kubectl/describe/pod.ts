/** `kubectl describe pod`, and the pod template block the workload describers share. */
import type { Pod, PodTemplateSpec, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { since } from '../../sim/apiserver/printers/duration';
import { formatLabelSelector } from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeContainers, describeResources } from './containers';
import { describeEvents, eventsFor } from './events';
import {
  printAnnotationsMultiline,
  printControlledBy,
  printLabelsMultiline,
  printTolerationsMultiline,
  rfc1123z,
} from './format';
import { goSort } from './gosort';
import type { DescribeContext } from './index';
import { podQOS } from './resources';
import { describeVolumes } from './volumes';
import { DescribeWriter, LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** Describes a pod; its events are found by name, namespace and uid (a mirror pod's source uid). */
export async function describePod(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const pod = obj as unknown as Pod;
  const meta = pod.metadata ?? {};
  const mirror = meta.annotations?.[MIRROR_POD_ANNOTATION];
  const events = await eventsFor(ctx, {
    name: meta.name ?? '',
    namespace: meta.namespace ?? '',
    uid: mirror ?? meta.uid,
  });
  const spec = pod.spec;
  const status = pod.status ?? {};
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec?.priority !== undefined && spec.priority !== null)
    w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, `Node:\t${spec?.nodeName ? `${spec.nodeName}/${status.hostIP ?? ''}` : '<none>'}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, ctx.now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = spec?.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost')
      w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = status.podIPs ?? [];
  if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  printControlledBy(w, meta);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const podResources = (spec as { resources?: Parameters<typeof describeResources>[0] } | undefined)
    ?.resources;
  if (podResources) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(podResources, w, LEVEL_1);
  }
  if ((spec?.initContainers ?? []).length > 0) {
    describeContainers('Init Containers', spec?.initContainers, status.initContainerStatuses, pod, w, '');
  }
  describeContainers('Containers', spec?.containers, status.containerStatuses, pod, w, '');
  if ((spec?.ephemeralContainers ?? []).length > 0) {
    const ephemeral = spec?.ephemeralContainers ?? [];
    describeContainers('Ephemeral Containers', ephemeral, status.ephemeralContainerStatuses, pod, w, '');
  }
  const conditions = status.conditions ?? [];
  if ((spec?.readinessGates ?? []).length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const gate of spec?.readinessGates ?? []) {
      const condition = conditions.find((c) => c.type === gate.conditionType);
      w.write(LEVEL_1, `${gate.conditionType} \t${condition ? condition.status : '<none>'} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(spec?.volumes, w, '');
  w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec?.tolerations);
  describeTopologySpreadConstraints(spec?.topologySpreadConstraints, w, '');
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** `Topology Spread Constraints:`, one `key:Policy when max skew N is exceeded` per line. */
function describeTopologySpreadConstraints(
  constraints: readonly TopologySpreadConstraint[] | undefined,
  w: PrefixWriter,
  space: string,
): void {
  if (!constraints || constraints.length === 0) return;
  const sorted = goSort([...constraints], (a, b) => a.topologyKey < b.topologyKey);
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((tsc, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let text = `${tsc.topologyKey}:${tsc.whenUnsatisfiable} when max skew ${tsc.maxSkew} is exceeded`;
    if (tsc.labelSelector) text += ` for selector ${formatLabelSelector(tsc.labelSelector)}`;
    w.write(LEVEL_0, `${text}\n`);
  });
}

/** The `Pod Template:` block of a workload: labels, containers, volumes, scheduling. */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec;
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  }
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec?.initContainers ?? []).length > 0) {
    describeContainers('Init Containers', spec?.initContainers, undefined, undefined, w, '  ');
  }
  describeContainers('Containers', spec?.containers, undefined, undefined, w, '  ');
  describeVolumes(spec?.volumes, w, '  ');
  describeTopologySpreadConstraints(spec?.topologySpreadConstraints, w, '  ');
  if (spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec?.tolerations);
}

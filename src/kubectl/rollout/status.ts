/**
 * How far a rollout has got, in kubectl's words (polymorphichelpers' status viewers):
 * deployments by updated, old and available replicas; daemon sets by updated and
 * available pods; stateful sets by ready pods, partitions and revisions. A rollout is done
 * when every replica runs the newest template and is available.
 */
import type { KubeObject } from '../../sim/apiserver/types';

/** One look at a rollout: what kubectl prints, and whether it has finished. */
export interface RolloutStatus {
  readonly message: string;
  readonly done: boolean;
}

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The revision a deployment's annotation records (0 when it has none). */
export function revisionOf(object: KubeObject): number {
  const text = rec(object.metadata?.annotations)['deployment.kubernetes.io/revision'];
  return typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : 0;
}

function deploymentStatus(d: KubeObject, revision: number): RolloutStatus {
  const name = d.metadata.name;
  if (revision > 0 && revisionOf(d) !== revision)
    throw new Error(
      `desired revision (${revision}) is different from the running revision (${revisionOf(d)})`,
    );
  const spec = rec(d.spec);
  const status = rec(d.status);
  if (num(d.metadata.generation) > num(status.observedGeneration))
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  const conditions = Array.isArray(status.conditions) ? status.conditions.map(rec) : [];
  const progressing = conditions.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    throw new Error(`deployment ${JSON.stringify(name)} exceeded its progress deadline`);
  const updated = num(status.updatedReplicas);
  const waiting = (text: string) => ({
    message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${text}...\n`,
    done: false,
  });
  if (typeof spec.replicas === 'number' && updated < spec.replicas)
    return waiting(`${updated} out of ${spec.replicas} new replicas have been updated`);
  if (num(status.replicas) > updated)
    return waiting(`${num(status.replicas) - updated} old replicas are pending termination`);
  if (num(status.availableReplicas) < updated)
    return waiting(`${num(status.availableReplicas)} of ${updated} updated replicas are available`);
  return { message: `deployment ${JSON.stringify(name)} successfully rolled out\n`, done: true };
}

function daemonSetStatus(ds: KubeObject): RolloutStatus {
  const name = ds.metadata.name;
  if (rec(rec(ds.spec).updateStrategy).type !== 'RollingUpdate')
    throw new Error('rollout status is only available for RollingUpdate strategy type');
  const status = rec(ds.status);
  if (num(ds.metadata.generation) > num(status.observedGeneration))
    return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  const desired = num(status.desiredNumberScheduled);
  const waiting = (text: string) => ({
    message: `Waiting for daemon set ${JSON.stringify(name)} rollout to finish: ${text}...\n`,
    done: false,
  });
  if (num(status.updatedNumberScheduled) < desired)
    return waiting(`${num(status.updatedNumberScheduled)} out of ${desired} new pods have been updated`);
  if (num(status.numberAvailable) < desired)
    return waiting(`${num(status.numberAvailable)} of ${desired} updated pods are available`);
  return { message: `daemon set ${JSON.stringify(name)} successfully rolled out\n`, done: true };
}

function statefulSetStatus(sts: KubeObject): RolloutStatus {
  const spec = rec(sts.spec);
  const strategy = rec(spec.updateStrategy);
  if (strategy.type !== 'RollingUpdate')
    throw new Error('rollout status is only available for RollingUpdate strategy type');
  const status = rec(sts.status);
  const observed = num(status.observedGeneration);
  if (observed === 0 || num(sts.metadata.generation) > observed)
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : undefined;
  if (replicas !== undefined && num(status.readyReplicas) < replicas)
    return {
      message: `Waiting for ${replicas - num(status.readyReplicas)} pods to be ready...\n`,
      done: false,
    };
  const rolling = strategy.rollingUpdate === undefined ? undefined : rec(strategy.rollingUpdate);
  if (rolling !== undefined) {
    const partition = rolling.partition;
    if (
      replicas !== undefined &&
      typeof partition === 'number' &&
      num(status.updatedReplicas) < replicas - partition
    )
      return {
        message: `Waiting for partitioned roll out to finish: ${num(status.updatedReplicas)} out of ${replicas - partition} new pods have been updated...\n`,
        done: false,
      };
    return {
      message: `partitioned roll out complete: ${num(status.updatedReplicas)} new pods have been updated...\n`,
      done: true,
    };
  }
  if (status.updateRevision !== status.currentRevision)
    return {
      message: `waiting for statefulset rolling update to complete ${num(status.updatedReplicas)} pods at revision ${String(status.updateRevision ?? '')}...\n`,
      done: false,
    };
  return {
    message: `statefulset rolling update complete ${num(status.currentReplicas)} pods at revision ${String(status.currentRevision ?? '')}...\n`,
    done: true,
  };
}

/** Whether kubectl can show the rollout status of a kind. */
export const hasStatusViewer = (group: string, kind: string) =>
  group === 'apps' && (kind === 'Deployment' || kind === 'DaemonSet' || kind === 'StatefulSet');

/** The rollout status of a deployment, daemon set or stateful set (`revision` 0: any). */
export function rolloutStatus(object: KubeObject, revision: number): RolloutStatus {
  if (object.kind === 'Deployment') return deploymentStatus(object, revision);
  if (object.kind === 'DaemonSet') return daemonSetStatus(object);
  return statefulSetStatus(object);
}

/** Finding a Deployment's ReplicaSets the way kubectl's deployment helpers do. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { parseTime } from '../../sim/apiserver/printers/duration';
import { goSort } from './gosort';
import type { DescribeContext } from './index';

const HASH_LABEL = 'pod-template-hash';

/**
 * A JSON value with what Go's semantic equality ignores taken out: nulls and empty lists,
 * maps and strings are dropped, numbers compared as numbers, map keys sorted.
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalize);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => [k, normalize((value as Record<string, unknown>)[k])] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  if (value === null || value === '' || value === false || value === 0) return undefined;
  return value;
}

/** The template with the pod-template-hash label removed. */
function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const labels = { ...(template?.metadata?.labels ?? {}) };
  delete labels[HASH_LABEL];
  return { ...template, metadata: { ...template?.metadata, labels } };
}

/** Whether two pod templates are equal apart from the pod-template-hash label. */
function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return JSON.stringify(normalize(withoutHash(a))) === JSON.stringify(normalize(withoutHash(b)));
}

/** A Deployment's ReplicaSets: the newest-template one, and all the others oldest first. */
export interface DeploymentReplicaSets {
  readonly current: ReplicaSet | undefined;
  readonly old: readonly ReplicaSet[];
}

/**
 * Lists the ReplicaSets matching the deployment's selector that it controls, ordered by
 * creation (then name); the first whose template matches the deployment's is the new one.
 */
export async function findReplicaSets(
  ctx: DescribeContext,
  deployment: Deployment,
  selector: string,
): Promise<DeploymentReplicaSets> {
  const namespace = deployment.metadata?.namespace ?? '';
  const query: Record<string, string> = selector === '' ? {} : { labelSelector: selector };
  const all = (await ctx.list(
    `/apis/apps/v1/namespaces/${namespace}/replicasets`,
    query,
  )) as unknown as ReplicaSet[];
  const uid = deployment.metadata?.uid;
  const owned = all.filter((rs) =>
    rs.metadata?.ownerReferences?.some((r) => r.controller === true && r.uid === uid),
  );
  const created = (rs: ReplicaSet) => parseTime(rs.metadata?.creationTimestamp) ?? 0;
  goSort(owned, (a, b) =>
    created(a) === created(b) ? (a.metadata?.name ?? '') < (b.metadata?.name ?? '') : created(a) < created(b),
  );
  const current = owned.find((rs) => equalIgnoreHash(rs.spec?.template, deployment.spec?.template));
  return { current, old: owned.filter((rs) => rs !== current) };
}

/**
 * POST `pods/<name>/eviction`: delete a pod unless that would violate a PodDisruptionBudget,
 * as `kubectl drain` relies on. A refused eviction is 429 TooManyRequests.
 */
import { decodeObjectBody } from '../codec';
import { findResource } from '../resources';
import { matchesLabels, parseLabelSelector, type LabelSelector } from '../selectors';
import { ApiError } from '../status';
import type { KubeObject } from '../types';
import { deleteObject } from './delete';
import type { Reply, RequestScope } from './scope';

const PDBS = findResource('policy', 'v1', 'poddisruptionbudgets');

interface Budget {
  metadata: { name?: string };
  spec?: {
    selector?: {
      matchLabels?: Record<string, string>;
      matchExpressions?: { key: string; operator: string; values?: string[] }[];
    };
  };
  status?: {
    disruptionsAllowed?: number;
    desiredHealthy?: number;
    currentHealthy?: number;
    observedGeneration?: number;
    disruptedPods?: Record<string, string>;
    conditions?: { type: string; status: string; reason: string; lastTransitionTime?: string }[];
  };
}

/**
 * checkAndDecrement: takes one disruption from the budget and records the pod in
 * status.disruptedPods, so the disruption controller counts it as gone until it is deleted
 * (or two minutes pass). The last disruption flips DisruptionAllowed to InsufficientPods.
 */
function recordDisruption(scope: RequestScope, pdb: Budget, podName: string): void {
  if (PDBS === undefined) return;
  const status = pdb.status ?? {};
  const allowed = (status.disruptionsAllowed ?? 0) - 1;
  const now = scope.kernel.clock.timestamp();
  const conditions = (status.conditions ?? []).map((c) =>
    c.type === 'DisruptionAllowed' && allowed === 0
      ? {
          ...c,
          status: 'False',
          reason: 'InsufficientPods',
          lastTransitionTime: c.status === 'False' ? c.lastTransitionTime : now,
        }
      : c,
  );
  const updated = {
    ...(pdb as KubeObject),
    status: {
      ...status,
      disruptionsAllowed: allowed,
      disruptedPods: { ...status.disruptedPods, [podName]: now },
      conditions,
    },
  };
  scope.stage(`eviction: PodDisruptionBudget ${pdb.metadata.name ?? ''} disruptionsAllowed -> ${allowed}`);
  scope.storage.update(PDBS, updated, (pdb as KubeObject).metadata.resourceVersion, {
    causedBy: scope.step,
  });
}

/** The label selector of a PDB, or null for a PDB that selects nothing. */
function budgetSelector(pdb: Budget): LabelSelector | null {
  const selector = pdb.spec?.selector;
  if (selector === undefined) return null;
  const terms = [
    ...Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector.matchExpressions ?? []).map((e) => {
      const op = e.operator.toLowerCase();
      if (op === 'exists') return e.key;
      if (op === 'doesnotexist') return `!${e.key}`;
      return `${e.key} ${op} (${(e.values ?? []).join(',')})`;
    }),
  ];
  return parseLabelSelector(terms.join(','));
}

export function evictPod(scope: RequestScope): Reply {
  decodeObjectBody(scope.req);
  const name = scope.name ?? '';
  const pod = scope.storage.get(scope.resource, scope.namespace, name, { causedBy: scope.step });
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Running' && PDBS !== undefined) {
    const budgets = scope.storage.list(PDBS, scope.namespace, {}, { causedBy: scope.step })
      .items as unknown as Budget[];
    const covering = budgets.filter((pdb) => {
      const selector = budgetSelector(pdb);
      return (
        selector !== null &&
        selector.length > 0 &&
        matchesLabels(selector, (pod as KubeObject).metadata.labels)
      );
    });
    if (covering.length > 1) {
      throw tooManyRequests(
        'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
        [],
      );
    }
    const pdb = covering[0];
    if (
      pdb !== undefined &&
      (pdb.status?.observedGeneration ?? 0) < ((pdb as KubeObject).metadata.generation ?? 0)
    ) {
      throw tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", [
        {
          reason: 'DisruptionBudget',
          message: `The disruption budget ${pdb.metadata.name ?? ''} is still being processed by the server.`,
        },
      ]);
    }
    if (pdb !== undefined && (pdb.status?.disruptionsAllowed ?? 0) <= 0) {
      scope.stage(`eviction refused: PodDisruptionBudget ${pdb.metadata.name ?? ''}`);
      throw tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", [
        {
          reason: 'DisruptionBudget',
          message: `The disruption budget ${pdb.metadata.name ?? ''} needs ${pdb.status?.desiredHealthy ?? 0} healthy pods and has ${pdb.status?.currentHealthy ?? 0} currently`,
        },
      ]);
    }
    if (pdb !== undefined) recordDisruption(scope, pdb, name);
  }
  scope.stage(`eviction allowed: deleting pod ${name}`);
  deleteObject({ ...scope, subresource: null, req: { ...scope.req, body: '' } });
  return {
    status: 201,
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 },
  };
}

function tooManyRequests(message: string, causes: { reason: string; message: string }[]): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'TooManyRequests',
    details: { causes },
    code: 429,
  });
}

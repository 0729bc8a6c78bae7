import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { RegistryReader } from '../inspect/registry';
import { DEPLOYMENTS, deployment, testCluster } from '../inspect/testing';
import { parseCheck, type Check } from './checks';
import { evaluate, holds, resolveResource, stepMatches } from './evaluate';

/** Two workers, node-1 labelled disk=ssd, running Deployment web (2 nginx pods), 90 s in. */
function lab() {
  const t = testCluster({ workerNodes: 2, workers: [{ labels: { disk: 'ssd' } }, {}] });
  t.cluster.kernel.runUntil(30_000);
  t.kubectl.create(DEPLOYMENTS, 'default', deployment('web', 2));
  t.cluster.kernel.runUntil(90_000);
  return new RegistryReader(t.cluster.etcd);
}

const reader = lab();
const check = (value: unknown): Check => {
  const parsed = parseCheck(value);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};
const run = (value: unknown, traceCount = 0) =>
  evaluate(check(value), { reader, traceCount: () => traceCount });

describe('evaluate', () => {
  it.each([
    [{ object: 'deployments/web', where: ['{.status.availableReplicas} >= 2'] }, true],
    [{ object: 'deploy/web', where: ['{.status.availableReplicas} == 3'] }, false],
    [
      { object: 'deployments.apps/web', where: ['{.spec.template.spec.containers[0].image} =~ ^nginx:'] },
      true,
    ],
    [{ object: 'deployments/web', where: ["{.metadata.labels.tier} != 'front'"] }, true],
    [{ object: 'deployments/web', where: ['{.metadata.labels.tier}'] }, false],
    [{ object: 'deployments/nope', exists: false }, true],
    [{ object: 'deployments/web', exists: false }, false],
    [{ object: 'deployments/web', namespace: 'kube-system' }, false],
    [{ object: 'nodes/node-1', where: ['{.metadata.labels.disk} == ssd'] }, true],
    [{ objects: 'pods', selector: 'app=web', where: ['{.status.phase} == Running'], count: 2 }, true],
    [{ objects: 'pods', selector: 'app=web', count: '>= 3' }, false],
    [{ objects: 'pods', selector: 'app=other', count: 0 }, true],
    [{ objects: 'pods', namespace: '*', selector: 'k8s-app=kube-dns', count: '>= 1' }, true],
    [
      {
        objects: 'po',
        selector: 'app=web',
        node: ['{.metadata.labels.kubernetes\\.io/os} == linux'],
        count: 2,
      },
      true,
    ],
    [{ all: [{ object: 'deployments/web' }, { object: 'nodes/node-2' }] }, true],
    [{ all: [{ object: 'deployments/web' }, { object: 'nodes/node-9' }] }, false],
    [{ any: [{ object: 'nodes/node-9' }, { object: 'nodes/node-2' }] }, true],
    [{ not: { object: 'deployments/web' } }, false],
  ])('%j passes: %s', (value, passed) => {
    expect(run(value).passed).toBe(passed);
  });

  it('says why a check fails, with what it found', () => {
    expect(run({ object: 'deployments/web', where: ['{.status.availableReplicas} >= 5'] }).why).toBe(
      'deployments/web: {.status.availableReplicas} >= 5 (found 2)',
    );
    expect(run({ object: 'deployments/api' }).why).toBe('deployments/api does not exist');
    expect(
      run({ objects: 'pods', selector: 'app=web', node: ['{.metadata.labels.disk} == hdd'] }).why,
    ).toMatch(
      /^0 pods match, want >= 1; pods\/web-[a-z0-9-]+: its node node-[12]: \{\.metadata\.labels\.disk\} == hdd \(found (ssd|empty)\)$/,
    );
    expect(run({ object: 'widgets/x' }).why).toBe('unknown resource widgets');
  });

  it('counts trace steps for trace checks', () => {
    expect(run({ trace: { from: 'kubectl' } }, 0).passed).toBe(false);
    expect(run({ trace: { from: 'kubectl' } }, 1).passed).toBe(true);
    expect(run({ trace: { from: 'kubectl' }, count: '>= 2' }, 1).passed).toBe(false);
  });
});

describe('holds', () => {
  it.each([
    ['{.n} > 2', { n: 3 }, true],
    ['{.n} > 2', { n: 2 }, false],
    ['{.n} <= 2', { n: 2 }, true],
    ['{.n} == 2', { n: '2' }, true],
    ['{.s} == "a b"', { s: 'a b' }, true],
    ['{.items[*].x} == b', { items: [{ x: 'a' }, { x: 'b' }] }, true],
    ['{.items[*].x} != b', { items: [{ x: 'a' }, { x: 'b' }] }, false],
    ['{.missing} != b', {}, true],
    ['{.missing} == b', {}, false],
    ['{.flag} == true', { flag: true }, true],
    ['{.s} > 2', { s: 'abc' }, false],
    ['!{.missing}', {}, true],
    ['{.items[3].x}', { items: [{ x: 'a' }] }, false],
    ['!{.items[3].x}', { items: [{ x: 'a' }] }, true],
    ['!{.s}', { s: 'abc' }, false],
    ['! {.s}', { s: '' }, true],
  ])('%s on %j: %s', (condition, object, ok) => {
    expect(holds(condition, object).ok).toBe(ok);
  });
});

describe('stepMatches', () => {
  const step: TraceStep = {
    id: 1,
    time: 0,
    from: 'control-plane/kube-scheduler',
    to: 'control-plane/kube-apiserver',
    kind: 'request',
    summary: 'POST /api/v1/namespaces/default/pods/web-1/binding',
    detail: { rejectedBy: { 'node-2': 'NodeResourcesFit' }, feasible: 1 },
    causedBy: null,
  };
  it.each([
    [{ from: 'scheduler' }, true],
    [{ from: 'scheduler', summary: '/binding$' }, true],
    [{ from: 'scheduler', kind: 'decision' as const }, false],
    [{ to: '^kubectl$' }, false],
    [{ from: 'scheduler', where: ['{.rejectedBy.node-2} == NodeResourcesFit', '{.feasible} >= 1'] }, true],
    [{ from: 'scheduler', where: ['{.rejectedBy.node-1}'] }, false],
  ])('%j: %s', (match, ok) => {
    expect(stepMatches(match, step)).toBe(ok);
  });
});

describe('resolveResource', () => {
  it.each([
    ['deployments', 'Deployment'],
    ['deploy', 'Deployment'],
    ['Deployment', 'Deployment'],
    ['svc', 'Service'],
    ['pods', 'Pod'],
  ])('%s is %s', (name, kind) => {
    expect(resolveResource(name)?.kind).toBe(kind);
  });
});

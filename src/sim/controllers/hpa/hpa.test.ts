import type { HorizontalPodAutoscalerStatus } from 'kubernetes-types/autoscaling/v2';
import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient } from '../../client/rest';
import { createCluster, type ClusterOptions } from '../../cluster';
import { HPAS } from './types';

const DEPLOYMENTS = findResource('apps', 'v1', 'deployments') as ResourceInfo;
const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;
const HPAS_V1 = findResource('autoscaling', 'v1', 'horizontalpodautoscalers') as ResourceInfo;
const RESOURCES = { requests: { cpu: '200m' }, limits: { cpu: '500m' } };
const CPU_50 = {
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
};

/** A full cluster with a kubectl client, and the HPA as `kubectl get hpa` and `describe` show it. */
function setup(options: Partial<ClusterOptions> = {}) {
  const cluster = createCluster({ seed: 1, ...options });
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const run = (seconds: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + seconds * 1000);
  const deploy = (name: string, container: object, replicas = 1) =>
    client.create(DEPLOYMENTS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, ...container }] } },
      },
    });
  const autoscale = (name: string, target = name, maxReplicas = 10) =>
    client.create(HPAS, 'default', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
        minReplicas: 1,
        maxReplicas,
        metrics: [CPU_50],
      },
    });
  const status = (name: string) =>
    (client.get(HPAS, 'default', name) as KubeObject & { status: HorizontalPodAutoscalerStatus }).status;
  const targets = (name: string) => {
    const r = cluster.apiserver.handle({
      method: 'GET',
      path: `/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/${name}`,
      query: {},
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
      client: 'kubectl',
    });
    return ('body' in r ? (r.body as { rows: { cells: unknown[] }[] }) : { rows: [] }).rows[0]?.cells[2];
  };
  const events = (name: string) =>
    client
      .list(EVENTS, 'default')
      .items.filter((e) => (e.involvedObject as { name: string; kind: string }).name === name)
      .filter((e) => (e.involvedObject as { kind: string }).kind === 'HorizontalPodAutoscaler')
      .map((e) => `${String(e.type)} ${String(e.reason)}: ${String(e.message)}`);
  const condition = (name: string, type: string) => status(name).conditions?.find((c) => c.type === type);
  return { cluster, client, run, deploy, autoscale, status, targets, events, condition };
}

describe('HorizontalPodAutoscaler controller', () => {
  it('scales vish/stress up to hold 50% CPU, and down only after the 5-minute window once load stops', () => {
    const { cluster, client, run, deploy, autoscale, status, targets, events, condition } = setup();
    run(2);
    deploy('stress', { image: 'vish/stress', args: ['-cpus', '1'], resources: RESOURCES });
    run(40);
    autoscale('stress');
    run(16);
    expect(status('stress')).toMatchObject({ currentReplicas: 1, desiredReplicas: 4 });
    expect(events('stress')).toEqual([
      'Normal SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target',
    ]);
    expect(condition('stress', 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'ScaleUpLimit' });
    run(60);
    expect(status('stress').currentReplicas).toBe(10);
    expect(targets('stress')).toMatch(/^cpu: 2[34]\d%\/50%$/);
    expect(status('stress').currentMetrics?.[0]).toMatchObject({
      type: 'Resource',
      resource: { name: 'cpu', current: { averageValue: expect.stringMatching(/^4[6-9]\dm$/) } },
    });
    expect(condition('stress', 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'TooManyReplicas',
      message: 'the desired replica count is more than the maximum replica count',
    });
    expect(condition('stress', 'ScalingActive')).toMatchObject({
      status: 'True',
      reason: 'ValidMetricFound',
      message:
        'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
    });

    // The load stops: the pods are replaced by ones running an idle server.
    const quiet = client.get(DEPLOYMENTS, 'default', 'stress');
    const spec = quiet.spec as { template: { spec: { containers: object[] } } };
    spec.template.spec.containers = [
      { name: 'stress', image: 'registry.k8s.io/hpa-example', resources: RESOURCES },
    ];
    client.update(DEPLOYMENTS, quiet);
    const stoppedAt = cluster.kernel.clock.epoch + cluster.kernel.clock.now();
    run(120);
    expect(targets('stress')).toMatch(/^cpu: [0-2]%\/50%$/);
    expect(status('stress').currentReplicas).toBe(10);
    expect(condition('stress', 'AbleToScale')).toMatchObject({ reason: 'ScaleDownStabilized' });
    run(240);
    expect(status('stress')).toMatchObject({ currentReplicas: 1, desiredReplicas: 1 });
    expect(Date.parse(status('stress').lastScaleTime ?? '') - stoppedAt).toBeGreaterThanOrEqual(300_000);
    expect(events('stress')).toContain(
      'Normal SuccessfulRescale: New size: 1; reason: All metrics below target',
    );
  });

  it('reports what it could not do: a missing target, no metrics API, a target scaled to zero', () => {
    const { run, deploy, autoscale, status, targets, events, condition } = setup({ metricsServer: false });
    run(2);
    deploy('web', { image: 'nginx', resources: RESOURCES });
    deploy('off', { image: 'nginx', resources: RESOURCES }, 0);
    autoscale('web');
    autoscale('ghost');
    autoscale('off');
    run(16);
    expect(events('web')).toEqual([
      'Warning FailedGetResourceMetric: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource',
      'Warning FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource',
    ]);
    expect(condition('web', 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'FailedGetResourceMetric',
    });
    expect(status('web').currentMetrics).toEqual([{ type: '' }]);
    expect(targets('web')).toBe('cpu: <unknown>/50%');
    expect(events('ghost')).toEqual(['Warning FailedGetScale: deployments.apps "ghost" not found']);
    expect(condition('ghost', 'AbleToScale')).toMatchObject({
      status: 'False',
      reason: 'FailedGetScale',
      message: `the HPA controller was unable to get the target's current scale: deployments.apps "ghost" not found`,
    });
    expect(condition('off', 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'ScalingDisabled',
      message: 'scaling is disabled since the replica count of the target is zero',
    });
  });

  it('measures ContainerResource and AverageValue targets; custom and external metrics have no API here', () => {
    const { client, run, deploy, status, events } = setup();
    run(2);
    deploy('stress', { image: 'vish/stress', args: ['-cpus', '1'], resources: RESOURCES });
    deploy('web', { image: 'nginx', resources: RESOURCES });
    run(40);
    const hpa = (name: string, metrics: object[], target = 'stress') =>
      client.create(HPAS, 'default', {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
          maxReplicas: 1,
          metrics,
        },
      });
    hpa('container', [
      {
        type: 'ContainerResource',
        containerResource: {
          name: 'cpu',
          container: 'stress',
          target: { type: 'Utilization', averageUtilization: 50 },
        },
      },
      {
        type: 'Resource',
        resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '64Mi' } },
      },
    ]);
    hpa(
      'custom',
      [
        {
          type: 'Pods',
          pods: {
            metric: { name: 'packets-per-second' },
            target: { type: 'AverageValue', averageValue: '1k' },
          },
        },
        {
          type: 'External',
          external: {
            metric: { name: 'queue_messages' },
            target: { type: 'AverageValue', averageValue: '30' },
          },
        },
      ],
      'web',
    );
    run(16);
    expect(status('container').currentMetrics).toEqual([
      {
        type: 'ContainerResource',
        containerResource: {
          name: 'cpu',
          container: 'stress',
          current: {
            averageValue: expect.stringMatching(/^4\d\dm$/),
            averageUtilization: expect.any(Number),
          },
        },
      },
      { type: 'Resource', resource: { name: 'memory', current: { averageValue: '1675264' } } },
    ]);
    expect(events('custom')).toEqual([
      'Warning FailedGetPodsMetric: unable to get metric packets-per-second: unable to fetch metrics from custom metrics API: the server could not find the requested resource',
      'Warning FailedGetExternalMetric: unable to get external metric default/queue_messages/<nil>: unable to fetch metrics from external metrics API: the server could not find the requested resource',
      'Warning FailedComputeMetricsReplicas: invalid metrics (2 invalid out of 2), first error is: failed to get pods metric value: unable to get metric packets-per-second: unable to fetch metrics from custom metrics API: the server could not find the requested resource',
    ]);
    hpa('again', [CPU_50]);
    run(15);
    expect(events('again')).toEqual([
      'Warning AmbiguousSelector: pods by selector app=stress are controlled by multiple HPAs: [default/again default/container]',
      'Warning FailedComputeMetricsReplicas: pods by selector app=stress are controlled by multiple HPAs: [default/again default/container]',
    ]);
  });

  it('serves autoscaling/v1 HPAs (kubectl autoscale) from the same controller', () => {
    const { client, run, deploy, autoscale } = setup();
    run(2);
    deploy('stress', { image: 'vish/stress', args: ['-cpus', '1'], resources: RESOURCES });
    run(40);
    client.create(HPAS_V1, 'default', {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'stress' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'stress' },
        minReplicas: 1,
        maxReplicas: 3,
        targetCPUUtilizationPercentage: 50,
      },
    });
    run(31);
    const v1 = client.get(HPAS_V1, 'default', 'stress') as KubeObject & {
      status: { currentReplicas: number; desiredReplicas: number; currentCPUUtilizationPercentage: number };
    };
    expect(v1.status).toMatchObject({ currentReplicas: 3, desiredReplicas: 3 });
    expect(v1.status.currentCPUUtilizationPercentage).toBeGreaterThan(200);
    expect(() => autoscale('stress')).toThrow('horizontalpodautoscalers.autoscaling "stress" already exists');
  });
});

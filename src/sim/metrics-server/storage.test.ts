import { describe, expect, it } from 'vitest';
import { decodeBatch, type MetricsBatch, type MetricsPoint } from './decode';
import { MetricsStorage } from './storage';

const S = 1000;
const point = (startTime: number, timestamp: number, cpuSeconds: number, memory = 4096): MetricsPoint => ({
  startTime,
  timestamp,
  cumulativeCpu: cpuSeconds * 1e9,
  memory,
});
const batch = (containers: Record<string, MetricsPoint>, node?: MetricsPoint): MetricsBatch => ({
  nodes: new Map(node === undefined ? [] : [['node-1', node]]),
  pods: new Map([['default/web', new Map(Object.entries(containers))]]),
});

describe('metrics-server storage', () => {
  it.each<[string, MetricsBatch[], { cpu: number; window: number } | undefined]>([
    ['one scrape is not enough', [batch({ c: point(0, 100 * S, 1) })], undefined],
    [
      'two scrapes give the CPU rate over their window',
      [batch({ c: point(0, 100 * S, 1) }), batch({ c: point(0, 115 * S, 4) })],
      { cpu: 200_000_000, window: 15 * S },
    ],
    [
      'a container started 10-15 s before its first point is measured from its start',
      [batch({ c: point(100 * S, 112 * S, 0.6) })],
      { cpu: 50_000_000, window: 12 * S },
    ],
    ['one started under 10 s before is not', [batch({ c: point(100 * S, 105 * S, 0.5) })], undefined],
    [
      'a restarted container starts over',
      [batch({ c: point(0, 100 * S, 9) }), batch({ c: point(101 * S, 130 * S, 1) })],
      undefined,
    ],
    [
      'a repeated point keeps the previous one',
      [
        batch({ c: point(0, 100 * S, 1) }),
        batch({ c: point(0, 115 * S, 4) }),
        batch({ c: point(0, 115 * S, 4) }),
      ],
      { cpu: 200_000_000, window: 15 * S },
    ],
    [
      'a counter that went down is skipped',
      [batch({ c: point(0, 100 * S, 5) }), batch({ c: point(0, 115 * S, 4) })],
      undefined,
    ],
  ])('%s', (_name, batches, expected) => {
    const storage = new MetricsStorage(15 * S);
    for (const b of batches) storage.store(b);
    const usage = storage.pod('default/web')?.containers.get('c');
    if (expected === undefined) expect(usage).toBeUndefined();
    else
      expect(usage).toMatchObject({
        cpuNanoCores: expected.cpu,
        windowMs: expected.window,
        memoryBytes: 4096,
      });
  });

  it('serves a pod only when every container has two points', () => {
    const storage = new MetricsStorage(15 * S);
    storage.store(batch({ a: point(0, 100 * S, 1) }));
    storage.store(batch({ a: point(0, 115 * S, 2), b: point(114 * S, 115 * S, 0.1) }));
    expect(storage.pod('default/web')).toBeUndefined();
  });

  it('measures nodes the same way', () => {
    const storage = new MetricsStorage(15 * S);
    storage.store(batch({}, point(0, 100 * S, 10, 1 << 30)));
    expect(storage.node('node-1')).toBeUndefined();
    storage.store(batch({}, point(0, 115 * S, 10.75, 1 << 30)));
    expect(storage.node('node-1')).toEqual({
      cpuNanoCores: 50_000_000,
      memoryBytes: 1 << 30,
      timestamp: 115 * S,
      windowMs: 15 * S,
    });
  });
});

describe("decoding a kubelet's /metrics/resource", () => {
  const text = (lines: string[]) => ['# HELP x y', '# TYPE x counter', ...lines, ''].join('\n');

  it('reads node and container points, in seconds and ms', () => {
    const b = decodeBatch(
      text([
        'container_cpu_usage_seconds_total{container="nginx",namespace="default",pod="web"} 0.5 1735689615000',
        'container_memory_working_set_bytes{container="nginx",namespace="default",pod="web"} 3.56352e+06 1735689615000',
        'container_start_time_seconds{container="nginx",namespace="default",pod="web"} 1.735689605e+09',
        'node_cpu_usage_seconds_total 12.25 1735689615000',
        'node_memory_working_set_bytes 6.5e+08 1735689615000',
        'resource_scrape_error 0',
      ]),
      0,
      'node-1',
    );
    expect(b.nodes.get('node-1')).toEqual({
      startTime: 0,
      timestamp: 1735689615000,
      cumulativeCpu: 12_250_000_000,
      memory: 650_000_000,
    });
    expect(b.pods.get('default/web')?.get('nginx')).toEqual({
      startTime: 1735689605000,
      timestamp: 1735689615000,
      cumulativeCpu: 500_000_000,
      memory: 3_563_520,
    });
  });

  it('drops a node point without memory, and a pod with a container without CPU', () => {
    const b = decodeBatch(
      text([
        'node_cpu_usage_seconds_total 12.25 1735689615000',
        'container_cpu_usage_seconds_total{container="a",namespace="default",pod="web"} 0 1735689615000',
        'container_memory_working_set_bytes{container="a",namespace="default",pod="web"} 4096 1735689615000',
      ]),
      0,
      'node-1',
    );
    expect(b.nodes.size).toBe(0);
    expect(b.pods.size).toBe(0);
  });
});

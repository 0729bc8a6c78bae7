import { describe, expect, it } from 'vitest';
import { goFloat } from './resource-metrics';
import { setupNode } from './testing';

describe('kubelet /metrics/resource', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [0.001234, '0.001234'],
    [123456.5, '123456.5'],
    [1234567, '1.234567e+06'],
    [12_058_624, '1.2058624e+07'],
    [1.7356896015e9, '1.7356896015e+09'],
    [0.00001, '1e-05'],
  ])('writes %d as Go does (%s)', (value, text) => {
    expect(goFloat(value)).toBe(text);
  });

  it('serves the node, pod and container samples in the Prometheus text format', () => {
    const { run, createPod, kubelet, steps } = setupNode();
    run(1000);
    createPod('web', { containers: [{ name: 'nginx', image: 'nginx' }] });
    run(20_000);
    const result = kubelet.server.resourceMetrics(0);
    if (!result.ok) throw new Error(result.message);
    const lines = result.value.split('\n');
    expect(lines.filter((l) => l.startsWith('# HELP')).map((l) => l.split(' ')[2])).toEqual([
      'container_cpu_usage_seconds_total',
      'container_memory_working_set_bytes',
      'container_start_time_seconds',
      'node_cpu_usage_seconds_total',
      'node_memory_working_set_bytes',
      'pod_cpu_usage_seconds_total',
      'pod_memory_working_set_bytes',
      'resource_scrape_error',
    ]);
    expect(lines).toContain(
      '# HELP container_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the container in core-seconds',
    );
    expect(lines).toContain('# TYPE container_cpu_usage_seconds_total counter');
    const at = String(Date.UTC(2025, 0, 1) + 21_000);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^container_cpu_usage_seconds_total\\{container="nginx",namespace="default",pod="web"\\} [0-9.e-]+ ${at}$`,
        ),
      ),
    );
    expect(lines).toContain(
      `container_memory_working_set_bytes{container="nginx",namespace="default",pod="web"} 3.56352e+06 ${at}`,
    );
    expect(lines).toContain(`pod_memory_working_set_bytes{namespace="default",pod="web"} 3.792896e+06 ${at}`);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^node_cpu_usage_seconds_total [0-9.]+ ${at}$`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^container_start_time_seconds\{.*\} 1\.73568960\d+e\+09$/),
    );
    expect(lines.at(-2)).toBe('resource_scrape_error 0');
    expect(steps.at(-1)?.summary).toBe('ListPodSandboxStats');
  });
});

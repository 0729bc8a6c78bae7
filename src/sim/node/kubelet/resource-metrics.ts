/**
 * The kubelet's resource metrics endpoint, `GET /metrics/resource` on :10250 (upstream's
 * ResourceMetricsCollector): the node's CPU time and working set (cadvisor reading the root
 * cgroup) and each running container's and pod's (CRI ListPodSandboxStats), in the
 * Prometheus text format, each sample stamped with when it was measured. metrics-server
 * scrapes it and turns two scrapes' CPU counters into usage.
 */
import type { VirtualClock } from '../../kernel/clock';
import type { ContainerRuntime } from '../cri/runtime';

interface Sample {
  readonly labels: readonly (readonly [string, string])[];
  readonly value: number;
  /** Wall-clock ms, or undefined for samples without a timestamp. */
  readonly at?: number;
}

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly samples: Sample[];
}

/** A float as Go's strconv.FormatFloat(v, 'g', -1, 64) writes it, as the Prometheus encoder does. */
export function goFloat(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  const exp = Number(exponent);
  if (exp >= -4 && exp < 6) return String(value);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function render(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const f of [...families].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    const key = (s: Sample) => s.labels.map(([, v]) => v).join('\u0000');
    for (const s of [...f.samples].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))) {
      const labels =
        s.labels.length === 0 ? '' : `{${s.labels.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
      lines.push(`${f.name}${labels} ${goFloat(s.value)}${s.at === undefined ? '' : ` ${Math.floor(s.at)}`}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const stable = (text: string) => `[STABLE] ${text}`;

/** The /metrics/resource document of this node now; `causedBy` is the scrape's trace step. */
export function resourceMetrics(runtime: ContainerRuntime, clock: VirtualClock, causedBy: number): string {
  const wall = (virtual: number) => clock.epoch + virtual;
  const now = wall(clock.now());
  const family = (name: string, type: Family['type'], help: string): Family => ({
    name,
    type,
    help: stable(help),
    samples: [],
  });
  const containerCpu = family(
    'container_cpu_usage_seconds_total',
    'counter',
    'Cumulative cpu time consumed by the container in core-seconds',
  );
  const containerMemory = family(
    'container_memory_working_set_bytes',
    'gauge',
    'Current working set of the container in bytes',
  );
  const containerStart = family(
    'container_start_time_seconds',
    'gauge',
    'Start time of the container since unix epoch in seconds',
  );
  const podCpu = family(
    'pod_cpu_usage_seconds_total',
    'counter',
    'Cumulative cpu time consumed by the pod in core-seconds',
  );
  const podMemory = family(
    'pod_memory_working_set_bytes',
    'gauge',
    'Current working set of the pod in bytes',
  );
  const node = runtime.cgroups.node();
  const nodeCpu = family(
    'node_cpu_usage_seconds_total',
    'counter',
    'Cumulative cpu time consumed by the node in core-seconds',
  );
  const nodeMemory = family(
    'node_memory_working_set_bytes',
    'gauge',
    'Current working set of the node in bytes',
  );
  nodeCpu.samples.push({ labels: [], value: node.cpuSeconds, at: now });
  nodeMemory.samples.push({ labels: [], value: node.workingSetBytes, at: now });
  for (const pod of runtime.listPodSandboxStats(causedBy).value) {
    const podLabels = [
      ['namespace', pod.config.namespace],
      ['pod', pod.config.name],
    ] as const;
    for (const c of pod.containers) {
      const labels = [['container', c.name], ...podLabels] as const;
      containerStart.samples.push({ labels, value: wall(c.startedAt) / 1000 });
      containerCpu.samples.push({
        labels,
        value: c.cpu.usageCoreNanoSeconds / 1e9,
        at: wall(c.cpu.timestamp),
      });
      containerMemory.samples.push({ labels, value: c.memory.workingSetBytes, at: wall(c.memory.timestamp) });
    }
    podCpu.samples.push({
      labels: podLabels,
      value: pod.cpu.usageCoreNanoSeconds / 1e9,
      at: wall(pod.cpu.timestamp),
    });
    podMemory.samples.push({
      labels: podLabels,
      value: pod.memory.workingSetBytes,
      at: wall(pod.memory.timestamp),
    });
  }
  const scrapeError = family(
    'resource_scrape_error',
    'gauge',
    '1 if there was an error while getting container metrics, 0 otherwise',
  );
  scrapeError.samples.push({ labels: [], value: 0 });
  return render([
    containerCpu,
    containerMemory,
    containerStart,
    nodeCpu,
    nodeMemory,
    podCpu,
    podMemory,
    scrapeError,
  ]);
}

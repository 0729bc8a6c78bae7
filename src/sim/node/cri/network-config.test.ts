import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel';
import type { TraceStep } from '../../kernel/trace';
import { CNI_CONF_DIR, cniConfigList, loadedCniConfig, writeCniConfig } from '../cni/config';
import { CniPlugin } from '../cni/plugin';
import { nodeHost } from '../host';
import { CriError } from './handlers';
import { CRIO } from './flavour';
import { formatRuntimeCondition } from './network-config';
import { ContainerRuntime } from './runtime';

function setup(options: { template?: boolean; crio?: boolean } = {}) {
  const kernel = new Kernel({ seed: 1, epoch: Date.UTC(2025, 0, 1) });
  const steps: TraceStep[] = [];
  kernel.trace.subscribe((s) => steps.push(s));
  const cni = new CniPlugin(kernel, 'node-1/kubelet', 'node-1/container-runtime');
  const runtime = new ContainerRuntime(
    kernel,
    'node-1',
    cni,
    options.crio === true ? CRIO : undefined,
    options.template === true ? 'kindnet' : null,
  );
  const fs = nodeHost(kernel, 'node-1').fs;
  const network = () => runtime.status().conditions.find((c) => c.type === 'NetworkReady');
  const sandbox = () =>
    runtime.runPodSandbox(
      { name: 'web', namespace: 'default', uid: 'u1', attempt: 0, hostNetwork: false },
      null,
    );
  return { kernel, steps, cni, runtime, fs, network, sandbox };
}

describe('the runtime network configuration', () => {
  it('reports NetworkReady=false until a CNI configuration is in /etc/cni/net.d', () => {
    const t = setup();
    expect(runtimeConditions(t.runtime)).toEqual([
      'RuntimeReady=true reason: message:',
      'NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    ]);
    t.fs.writeFile(`${CNI_CONF_DIR}/README`, 'not a configuration\n');
    expect(t.network()?.status).toBe(false);
    writeCniConfig(t.fs, 'kindnet', '10.244.1.0/24', 'node-1');
    expect(t.network()).toEqual({ type: 'NetworkReady', status: true, reason: '', message: '' });
    expect(t.steps).toEqual([]); // Status is polled: no trace steps of its own
  });

  it('words NetworkPluginNotReady as CRI-O does', () => {
    expect(setup({ crio: true }).network()?.message).toBe(
      'Network plugin returns error: No CNI configuration file in /etc/cni/net.d/. Has your network provider started?',
    );
  });

  it('fails RunPodSandbox before it knows a pod CIDR, as containerd words the CNI error', () => {
    const t = setup();
    writeCniConfig(t.fs, 'kindnet', '10.244.1.0/24', 'node-1');
    let error: unknown;
    try {
      t.sandbox();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CriError);
    expect((error as Error).message).toMatch(
      /^rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="ptp" failed \(add\): no IP ranges specified$/,
    );
  });

  it('hands the pod CIDR of UpdateRuntimeConfig to the CNI plugin: pod IPs come from it', () => {
    const t = setup();
    writeCniConfig(t.fs, 'kindnet', '10.244.3.0/24', 'node-1');
    const update = t.runtime.updateRuntimeConfig('10.244.3.0/24', 7);
    expect(t.steps.find((s) => s.id === update.step)).toMatchObject({
      from: 'node-1/kubelet',
      to: 'node-1/container-runtime',
      kind: 'runtime',
      summary: 'UpdateRuntimeConfig pod CIDR 10.244.3.0/24',
      causedBy: 7,
    });
    expect(t.sandbox().value.ip).toBe('10.244.3.2');
    expect(t.cni.ipam?.subnet).toBe('10.244.3.0/24');
  });

  it("renders the node's configuration from its template once it learns the pod CIDR", () => {
    const t = setup({ template: true });
    expect(t.network()?.status).toBe(false);
    const update = t.runtime.updateRuntimeConfig('10.244.2.0/24', null);
    expect(t.steps.find((s) => s.id === update.step)?.summary).toBe(
      'UpdateRuntimeConfig pod CIDR 10.244.2.0/24 (CNI config from the kindnet template)',
    );
    expect(t.network()?.status).toBe(true);
    expect(t.fs.readFile(`${CNI_CONF_DIR}/10-kindnet.conflist`)).toBe(
      cniConfigList('kindnet', '10.244.2.0/24', 'node-1'),
    );
  });
});

describe('CNI configuration files', () => {
  it('are loaded in lexical order, and say what each plugin does', () => {
    const t = setup();
    expect(loadedCniConfig(t.fs)).toBeNull();
    writeCniConfig(t.fs, 'kindnet', '10.244.1.0/24', 'node-1');
    writeCniConfig(t.fs, 'cilium', '10.244.1.0/24', 'node-1');
    expect(loadedCniConfig(t.fs)).toBe('/etc/cni/net.d/05-cilium.conflist');
    const kindnet = JSON.parse(cniConfigList('kindnet', '10.244.1.0/24', 'node-1')) as {
      plugins: { type: string; ipam?: { type: string; ranges: unknown } }[];
    };
    expect(kindnet.plugins.map((p) => p.type)).toEqual(['ptp', 'portmap']);
    expect(kindnet.plugins[0]?.ipam).toMatchObject({
      type: 'host-local',
      ranges: [[{ subnet: '10.244.1.0/24' }]],
    });
    expect(JSON.parse(cniConfigList('flannel', '10.244.1.0/24', 'node-1'))).toMatchObject({ name: 'cbr0' });
    expect(JSON.parse(cniConfigList('calico', '10.244.1.0/24', 'node-1'))).toMatchObject({
      name: 'k8s-pod-network',
      plugins: [
        { type: 'calico', nodename: 'node-1', ipam: { type: 'host-local', subnet: 'usePodCidr' } },
        {},
      ],
    });
  });
});

function runtimeConditions(runtime: ContainerRuntime): string[] {
  return runtime.status().conditions.map(formatRuntimeCondition);
}

import { describe, expect, it } from 'vitest';
import { ApiError } from '../apiserver/status';
import { FAULTS } from './controller';
import { FAULT_CRD, FAULT_FINALIZER } from './crd';
import { webDeployment } from '../network/testing';
import { condition, DEPLOYMENTS, EVENTS, lab, PODS, pod, REPLICASETS } from './testing';

describe('KubeletStop', () => {
  it('marks the node Unknown, evicts after 300 s, and heals', () => {
    const l = lab();
    l.kubectl.create(DEPLOYMENTS, 'default', webDeployment('web', 3));
    l.run(60);
    const before = l.pods().filter((p) => p.status?.phase === 'Running');
    expect(before).toHaveLength(3);
    const node = before[0]?.spec?.nodeName ?? '';
    const onNode = before.filter((p) => p.spec?.nodeName === node).map((p) => p.metadata.name);
    l.inject('stop', { type: 'KubeletStop', node });
    l.run(1);
    expect(l.fault('stop').status).toMatchObject({ phase: 'Active', target: node });
    expect(l.fault('stop').metadata.finalizers).toContain(FAULT_FINALIZER);
    l.run(60);
    const down = l.node(node);
    expect(condition(down, 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    expect(down.spec?.taints).toContainEqual(
      expect.objectContaining({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }),
    );
    l.run(330);
    const after = l.pods();
    const running = after.filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(running.filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
    expect(running.every((p) => p.spec?.nodeName !== node)).toBe(true);
    const terminating = after.filter((p) => p.metadata.deletionTimestamp !== undefined);
    expect(terminating.map((p) => p.metadata.name).sort()).toEqual(onNode.sort());

    l.heal('stop');
    l.run(30);
    expect(() => l.fault('stop')).toThrow(ApiError);
    expect(condition(l.node(node), 'Ready')?.status).toBe('True');
    const healed = l.pods();
    expect(healed.some((p) => onNode.includes(p.metadata.name))).toBe(false);
    expect(healed).toHaveLength(3);
  }, 60_000);
});

describe('NodeNetworkPartition', () => {
  it('makes the node Unknown while cut off and Ready once reconnected', () => {
    const l = lab();
    l.inject('cut', { type: 'NodeNetworkPartition', node: 'node-2' });
    l.run(60);
    expect(condition(l.node('node-2'), 'Ready')?.status).toBe('Unknown');
    l.heal('cut');
    l.run(20);
    expect(condition(l.node('node-2'), 'Ready')?.status).toBe('True');
  }, 60_000);
});

describe('ContainerKill', () => {
  it('kills the container once (137, Error) and the kubelet restarts it', () => {
    const l = lab();
    l.kubectl.create(PODS, 'default', pod('victim', 'nginx:1.27'));
    l.run(30);
    l.inject('kill', { type: 'ContainerKill', pod: { name: 'victim' } });
    l.run(5);
    const status = l.pods().find((p) => p.metadata.name === 'victim')?.status?.containerStatuses?.[0];
    expect(status?.restartCount).toBe(1);
    expect(status?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(status?.state?.running).toBeDefined();
    expect(l.fault('kill').status).toMatchObject({ phase: 'Applied', target: 'default/victim/main' });
  }, 60_000);
});

describe('NodeMemoryPressure', () => {
  it('fills the node: MemoryPressure, the taint, pods evicted and replaced elsewhere; healing clears it', () => {
    const l = lab();
    l.kubectl.create(DEPLOYMENTS, 'default', webDeployment('web', 3));
    l.run(60);
    const node = l.pods().find((p) => p.status?.phase === 'Running')?.spec?.nodeName ?? '';
    const onNode = l
      .pods()
      .filter((p) => p.spec?.nodeName === node)
      .map((p) => p.metadata.name);
    l.inject('hog', { type: 'NodeMemoryPressure', node });
    l.run(1);
    expect(l.fault('hog').status).toMatchObject({ phase: 'Active', target: node });
    l.run(40);
    expect(condition(l.node(node), 'MemoryPressure')).toMatchObject({
      status: 'True',
      reason: 'KubeletHasInsufficientMemory',
      message: 'kubelet has insufficient memory available',
    });
    expect(l.node(node).spec?.taints).toContainEqual(
      expect.objectContaining({ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }),
    );
    const evicted = l.pods().filter((p) => onNode.includes(p.metadata.name));
    expect(evicted.length).toBeGreaterThan(0);
    for (const p of evicted) {
      expect(p.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
      expect(p.status?.message).toMatch(
        /^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+[KM]i\. Container nginx was using \d+[KM]i, request is 0, has larger consumption of memory\. $/,
      );
      expect(p.status?.conditions).toContainEqual(
        expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet' }),
      );
    }
    const events = l.kubectl.list(EVENTS, 'default').items as { reason?: string; message?: string }[];
    expect(events.map((e) => e.reason)).toContain('Evicted');
    // The replacements run, none on the node under pressure; the DaemonSet pods stay (critical).
    const running = l.pods().filter((p) => p.status?.phase === 'Running');
    expect(running).toHaveLength(3);
    expect(running.every((p) => p.spec?.nodeName !== node)).toBe(true);
    const system = l.pods('kube-system').filter((p) => p.spec?.nodeName === node);
    expect(system.every((p) => p.status?.phase === 'Running')).toBe(true);

    l.heal('hog');
    l.run(60);
    expect(condition(l.node(node), 'MemoryPressure')?.status).toBe('True');
    l.run(300);
    expect(condition(l.node(node), 'MemoryPressure')).toMatchObject({
      status: 'False',
      reason: 'KubeletHasSufficientMemory',
    });
    expect(l.node(node).spec?.taints ?? []).not.toContainEqual(
      expect.objectContaining({ key: 'node.kubernetes.io/memory-pressure' }),
    );
  }, 60_000);
});

describe('SchedulerStop and ControllerManagerStop', () => {
  it('leaves new pods Pending with no events until kube-scheduler is back', () => {
    const l = lab();
    l.inject('sched', { type: 'SchedulerStop' });
    l.run(1);
    l.kubectl.create(PODS, 'default', pod('waiting', 'nginx:1.27'));
    l.run(60);
    const waiting = () => l.pods().find((p) => p.metadata.name === 'waiting');
    expect(waiting()?.spec?.nodeName).toBeUndefined();
    expect(waiting()?.status?.phase).toBe('Pending');
    const events = l.kubectl
      .list(EVENTS, 'default')
      .items.filter((e) => JSON.stringify(e).includes('waiting'));
    expect(events).toEqual([]);
    l.heal('sched');
    l.run(30);
    expect(waiting()?.spec?.nodeName).toMatch(/^node-/);
  }, 60_000);

  it('creates no ReplicaSet for a Deployment until kube-controller-manager is back', () => {
    const l = lab();
    l.inject('kcm', { type: 'ControllerManagerStop' });
    l.run(1);
    l.kubectl.create(DEPLOYMENTS, 'default', webDeployment('web', 2));
    l.run(30);
    expect(l.kubectl.list(REPLICASETS, 'default').items).toEqual([]);
    l.heal('kcm');
    l.run(30);
    expect(l.kubectl.list(REPLICASETS, 'default').items).toHaveLength(1);
    expect(l.pods().filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
  }, 60_000);
});

describe('RegistryUnreachable', () => {
  it('fails pulls as a DNS failure but starts images already on the node', () => {
    const l = lab();
    l.kubectl.create(PODS, 'default', pod('cached', 'nginx:1.27', 'node-1'));
    l.run(30);
    l.inject('dns', { type: 'RegistryUnreachable', registry: 'docker.io' });
    l.run(1);
    l.kubectl.create(PODS, 'default', pod('again', 'nginx:1.27', 'node-1'));
    l.kubectl.create(PODS, 'default', pod('fresh', 'redis:7.4', 'node-1'));
    l.run(30);
    const byName = (n: string) => l.pods().find((p) => p.metadata.name === n);
    expect(byName('again')?.status?.phase).toBe('Running');
    const waiting = byName('fresh')?.status?.containerStatuses?.[0]?.state?.waiting;
    expect(waiting?.reason).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    l.run(20);
    const events = l.kubectl
      .list(EVENTS, 'default')
      .items.filter(
        (e) => JSON.stringify(e).includes('fresh') && (e as { reason?: string }).reason === 'Failed',
      );
    expect(JSON.stringify(events)).toContain(
      'failed to pull and unpack image \\"docker.io/library/redis:7.4\\": failed to resolve reference \\"docker.io/library/redis:7.4\\": failed to do request: Head \\"https://registry-1.docker.io/v2/library/redis/manifests/7.4\\": dial tcp: lookup registry-1.docker.io',
    );
    l.heal('dns');
    l.run(330);
    expect(byName('fresh')?.status?.phase).toBe('Running');
  }, 60_000);
});

describe('targets and validation', () => {
  it.each([
    [{ type: 'KubeletStop', node: 'node-9' }, 'node "node-9" not found'],
    [{ type: 'KubeletStop' }, 'spec.node is required for KubeletStop'],
    [{ type: 'ContainerKill', pod: { name: 'nope' } }, 'pod "default/nope" not found'],
  ] as const)(
    'fails %j: %s',
    (spec, message) => {
      const l = lab();
      l.inject('bad', spec);
      l.run(1);
      expect(l.fault('bad').status).toMatchObject({ phase: 'Failed', message });
      l.heal('bad');
      l.run(1);
      expect(() => l.fault('bad')).toThrow(ApiError);
    },
    60_000,
  );

  it.each([
    [
      { type: 'Meteor' },
      'Fault.chaos.kubelab.dev "bad" is invalid: spec.type: Unsupported value: "Meteor": supported values: "KubeletStop", "NodeNetworkPartition", "ContainerKill", "NodeMemoryPressure", "SchedulerStop", "ControllerManagerStop", "RegistryUnreachable"',
    ],
    [{ node: 'node-1' }, 'Fault.chaos.kubelab.dev "bad" is invalid: spec.type: Required value'],
    [
      { type: 'KubeletStop', node: 3 },
      'Fault.chaos.kubelab.dev "bad" is invalid: spec.node: Invalid value: "integer": spec.node in body must be of type string: "integer"',
    ],
  ])(
    'rejects %j',
    (spec, message) => {
      const l = lab();
      try {
        l.kubectl.create(FAULTS, null, {
          apiVersion: 'chaos.kubelab.dev/v1alpha1',
          kind: 'Fault',
          metadata: { name: 'bad' },
          spec,
        });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).status).toMatchObject({ code: 422, reason: 'Invalid', message });
      }
    },
    60_000,
  );

  it('installs the CRD', () => {
    const l = lab();
    const crds = l.kubectl.request('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
    expect(JSON.stringify('body' in crds ? crds.body : null)).toContain(FAULT_CRD.metadata.name);
  }, 60_000);
});

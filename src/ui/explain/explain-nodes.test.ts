import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { explainStep } from './index';

const step = (
  kind: TraceStep['kind'],
  from: string,
  to: string,
  summary: string,
  detail: TraceStep['detail'] = null,
): TraceStep => ({
  id: 1,
  time: 0,
  from,
  to,
  kind,
  summary,
  detail,
  causedBy: null,
});

describe('explainStep: controllers, the scheduler and the nodes', () => {
  it.each([
    // Controllers and the scheduler.
    [
      step(
        'decision',
        'control-plane/kube-controller-manager',
        'control-plane/kube-controller-manager',
        'replicaset: too few replicas for ReplicaSet default/web-1: need 3, have 0, creating 3',
      ),
      'The replicaset controller: too few replicas',
      'spec.replicas',
    ],
    [
      step(
        'decision',
        'control-plane/kube-controller-manager',
        'control-plane/kube-controller-manager',
        'deployment: sync default/web failed, retrying: Operation cannot be fulfilled',
      ),
      'sync failed and will be retried',
      'Conflicts are normal',
    ],
    [
      step(
        'decision',
        'control-plane/kube-scheduler',
        'control-plane/kube-scheduler',
        'schedule default/web-1: node-2 (3/4 nodes feasible)',
      ),
      'kube-scheduler picks node-2 for pod default/web-1: 3 of the 4 nodes',
      'Filter plugins',
    ],
    [
      step(
        'decision',
        'control-plane/kube-scheduler',
        'control-plane/kube-scheduler',
        'schedule default/huge: 0/4 nodes are available: 4 Insufficient cpu.',
      ),
      'cannot place pod default/huge: 0/4 nodes are available',
      'Pending',
    ],
    // Nodes: CRI, OCI, CNI, CSI, kube-proxy, DNS, probes, packets.
    [
      step('runtime', 'node-1/kubelet', 'node-1/container-runtime', 'RunPodSandbox default/web-1'),
      'create the sandbox for pod default/web-1',
      'pause container',
    ],
    [
      step(
        'runtime',
        'node-1/kubelet',
        'node-1/container-runtime',
        'CNI ADD default/web-1: eth0 10.244.1.3/24 <-> veth5b11fed5',
      ),
      'The runtime calls the CNI plugin: ADD for pod default/web-1',
      'pod IP',
    ],
    [
      step(
        'runtime',
        'node-1/container-runtime',
        'node-1/runc',
        'runc create 96d0f2b915ed4 (pause): namespaces pid,mnt,ipc,uts,net',
      ),
      'runs `runc create` for the pause container',
      'namespaces',
    ],
    [
      step(
        'runtime',
        'node-1/container-runtime',
        'node-1/crun',
        'crun start 725f7599a3f30 (nginx): exec the image’s entrypoint as PID 1',
      ),
      '`crun start` for container nginx',
      'cgroups',
    ],
    [
      step(
        'runtime',
        'node-2/kubelet',
        'node-2/csi',
        'NodePublishVolume abc at /var/lib/kubelet/pods/x/volumes',
      ),
      'NodePublishVolume for volume abc',
      'bind-mounts',
    ],
    [
      step('runtime', 'node-1/kubelet', 'node-1/container-runtime', 'PullImage nginx'),
      'asks the runtime to pull the image nginx',
      'ContainerCreating',
    ],
    [
      step(
        'decision',
        'node-1/kube-proxy',
        'node-1/kube-proxy',
        'syncProxyRules (iptables): 2 service ports, 3 endpoints; iptables-restore: 13 nat rules',
      ),
      'rewrites the node’s iptables rules: 2 Service ports, 3 endpoints',
      'DNAT',
    ],
    [
      step(
        'decision',
        'node-1/pod/default/client',
        'node-1/kube-proxy',
        'iptables: DNAT 10.96.4.2:80/TCP -> 10.244.3.4:80 (default/web)',
      ),
      'translate the packet',
      'virtual',
    ],
    [
      step(
        'decision',
        'node-3/cni',
        'node-3/cni',
        'kindnet: ingress default/web <- 10.244.2.4:80/TCP: drop (denied: isolated by default/deny and no rule allows it)',
      ),
      'NetworkPolicy for ingress default/web <- 10.244.2.4:80/TCP: drop',
      'CNI plugin',
    ],
    [
      step(
        'request',
        'node-1/pod/default/client',
        'control-plane/coredns',
        'DNS query A web.default.svc.cluster.local.',
      ),
      'pod default/client asks CoreDNS for the A record of web.default.svc.cluster.local.',
      'resolv.conf',
    ],
    [
      step('request', 'node-1/kubelet', 'node-1/pod/default/web-1', 'GET http://10.244.1.3:80/'),
      'probes pod default/web-1',
      'readiness',
    ],
    [
      step(
        'request',
        'node-2/kube-proxy',
        'node-3/cni',
        'route 10.244.3.0/24 via 172.18.0.5 dev eth0 (10.244.2.4 -> 10.244.3.4:80)',
      ),
      'towards 10.244.3.0/24 via 172.18.0.5',
      'pod CIDR',
    ],
  ])('%#: %j', (s, what, why) => {
    const e = explainStep(s);
    expect(e.generic).toBeUndefined();
    expect(e.what).toContain(what);
    expect(e.why).toContain(why);
  });

  it('falls back to a generic sentence for a step no rule knows, and says so', () => {
    const e = explainStep(step('decision', 'node-1/kubelet', 'node-1/kubelet', 'pondering the universe'));
    expect(e).toEqual({
      what: 'the kubelet on node-1: pondering the universe.',
      why: 'A component decides what to do from what it has seen through its watches.',
      generic: true,
    });
  });
});

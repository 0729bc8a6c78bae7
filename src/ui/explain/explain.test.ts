import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { explainStep } from './index';

const AS = 'control-plane/kube-apiserver';
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

describe('explainStep: API calls, etcd and watches', () => {
  it.each([
    // Requests, by verb and resource, and who asks.
    [
      step(
        'request',
        'kubectl',
        AS,
        'POST /apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create',
      ),
      'kubectl asks kube-apiserver to create a Deployment in namespace default.',
      'You ran a kubectl command',
    ],
    [
      step('request', 'kubectl', AS, 'GET /api/v1/namespaces/default/pods'),
      'kubectl asks kube-apiserver to list the Pod objects in namespace default.',
      'watch cache',
    ],
    [
      step('request', 'kubectl', AS, 'GET /api/v1/namespaces/default/pods?watch=true'),
      'to watch the Pod objects',
      'long-lived',
    ],
    [
      step('request', 'kubectl', AS, 'DELETE /api/v1/namespaces/default/pods/web-1'),
      'to delete the Pod default/web-1',
      'authenticated',
    ],
    [
      step('request', 'kubectl', AS, 'GET /version'),
      'kubectl asks kube-apiserver for its version.',
      'discover',
    ],
    [
      step(
        'request',
        'control-plane/kube-scheduler',
        AS,
        'POST /api/v1/namespaces/default/pods/web-1/binding',
      ),
      'to create the binding of the Pod default/web-1',
      'spec.nodeName',
    ],
    [
      step(
        'request',
        'control-plane/kube-controller-manager',
        AS,
        'POST /apis/apps/v1/namespaces/default/replicasets?fieldManager=kube-controller-manager',
      ),
      'create a ReplicaSet',
      'Deployment controller',
    ],
    [
      step(
        'request',
        'control-plane/kube-controller-manager',
        AS,
        'POST /api/v1/namespaces/default/pods?fieldManager=kube-controller-manager',
      ),
      'create a Pod',
      'workload controller',
    ],
    [
      step(
        'request',
        'node-1/kubelet',
        AS,
        'PATCH /api/v1/namespaces/default/pods/web-1/status?fieldManager=kubelet',
      ),
      'the kubelet on node-1 asks kube-apiserver to patch the status of the Pod default/web-1.',
      'phase',
    ],
    [
      step(
        'request',
        'node-1/kubelet',
        AS,
        'PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1',
      ),
      'replace the Lease kube-node-lease/node-1',
      'heartbeat',
    ],
    [
      step('response', AS, 'kubectl', '409 Conflict', { status: 409 }),
      'kube-apiserver answers kubectl: 409 Conflict',
      'optimistic concurrency',
    ],
    [
      step('response', AS, 'kubectl', '201 Created', { status: 201 }),
      'created and stored in etcd',
      'resourceVersion',
    ],
    // etcd and watches.
    [
      step('storage', AS, 'control-plane/etcd', 'PUT /registry/deployments/default/web (rev 42)', {
        txn: 'create',
      }),
      'kube-apiserver stores the new Deployment default/web in etcd; etcd’s revision is now 42.',
      'resourceVersion',
    ],
    [
      step('storage', AS, 'control-plane/etcd', 'PUT /registry/pods/default/web-1 (rev 43)', {
        txn: 'update',
      }),
      'writes the updated Pod default/web-1',
      'compare-and-swap',
    ],
    [
      step('storage', AS, 'control-plane/etcd', 'TXN failed: /registry/minions/node-1 mod_revision 68 != 20'),
      'refuses a write to the Node node-1',
      '409 Conflict',
    ],
    [
      step('watch', 'control-plane/etcd', AS, 'watch PUT /registry/pods/default/web-1 (rev 43)'),
      'etcd tells kube-apiserver that the Pod default/web-1 was written (revision 43).',
      'watch cache',
    ],
    [
      step('watch', AS, 'control-plane/kube-scheduler', 'watch ADDED pods/web-1'),
      'kube-apiserver tells kube-scheduler that the Pod web-1 was created.',
      'without a node',
    ],
    [
      step('watch', AS, 'node-2/kubelet', 'watch MODIFIED pods/web-1'),
      'the kubelet on node-2 that the Pod web-1 changed',
      'bound to its node',
    ],
    // The apiserver's pipeline.
    [
      step('decision', AS, AS, 'authentication: system:kube-scheduler'),
      'comes from the user system:kube-scheduler',
      'first stage',
    ],
    [
      step('decision', AS, AS, 'authorization: allowed create pods/binding (AlwaysAllow)'),
      'allowed to create pods/binding (by AlwaysAllow)',
      'RBAC',
    ],
    [
      step('decision', AS, AS, 'mutating admission: ServiceAccount, Priority'),
      'ServiceAccount gives the pod',
      'defaults',
    ],
    [
      step('decision', AS, AS, 'validating admission: NamespaceLifecycle'),
      'NamespaceLifecycle refuses',
      'accept or reject',
    ],
    [
      step('decision', AS, AS, 'binding: web-1 -> node-2'),
      'binds pod web-1 to node node-2',
      'watches for pods',
    ],
  ])('%#: %j', (s, what, why) => {
    const e = explainStep(s);
    expect(e.generic).toBeUndefined();
    expect(e.what).toContain(what);
    expect(e.why).toContain(why);
  });
});

import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { describeContainers, describeProbe } from './containers';
import { DescribeWriter } from './writer';

describe('describeProbe', () => {
  const timing = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
  it('prints each handler kind with its timing', () => {
    expect(
      describeProbe({ ...timing, httpGet: { path: '/health z', port: 8080, scheme: 'HTTPS', host: '::1' } }),
    ).toBe('http-get https://[::1]:8080/health%20z delay=0s timeout=1s period=10s #success=1 #failure=3');
    expect(describeProbe({ ...timing, httpGet: { path: 'ready', port: 'http', scheme: 'HTTP' } })).toBe(
      'http-get http://:http/ready delay=0s timeout=1s period=10s #success=1 #failure=3',
    );
    expect(describeProbe({ ...timing, initialDelaySeconds: 5, tcpSocket: { port: 5432 } })).toBe(
      'tcp-socket :5432 delay=5s timeout=1s period=10s #success=1 #failure=3',
    );
    expect(describeProbe({ ...timing, grpc: { port: 9090, service: 'health' } })).toBe(
      'grpc <pod>:9090 health delay=0s timeout=1s period=10s #success=1 #failure=3',
    );
    expect(describeProbe({ ...timing, exec: { command: ['cat', '/tmp/ready'] } })).toBe(
      'exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1 #failure=3',
    );
    expect(describeProbe(timing)).toBe('unknown delay=0s timeout=1s period=10s #success=1 #failure=3');
  });
});

describe('describeContainers', () => {
  const app: Container = {
    name: 'app',
    image: 'app:1',
    command: ['sh', '-c', 'echo a\necho b'],
    resources: { limits: { cpu: '500m' } },
    env: [
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '100m' } } },
      { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
      { name: 'NS', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
      { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
    ],
    volumeDevices: [{ name: 'raw', devicePath: '/dev/xvda' }],
  };
  const status: ContainerStatus = {
    name: 'app',
    image: 'app:1',
    imageID: 'app@sha256:1',
    containerID: 'containerd://abc',
    ready: false,
    restartCount: 2,
    state: { waiting: { reason: 'CrashLoopBackOff' } },
    lastState: {
      terminated: {
        exitCode: 137,
        signal: 9,
        reason: 'OOMKilled',
        message: 'out of memory',
        startedAt: '2025-03-01T10:00:00Z',
        finishedAt: '2025-03-01T10:00:05Z',
      },
    },
  };
  const pod: Pod = { metadata: { name: 'p', namespace: 'ns' } };

  it("prints a pod's container with its state, last state, resources, environment and devices", () => {
    const w = new DescribeWriter();
    describeContainers('Containers', [app], [status], pod, w, '');
    expect(w.toString().split('\n')).toEqual([
      'Containers:',
      '  app:',
      '    Container ID:  containerd://abc',
      '    Image:         app:1',
      '    Image ID:      app@sha256:1',
      '    Port:          <none>',
      '    Host Port:     <none>',
      '    Command:',
      '      sh',
      '      -c',
      '      echo a',
      '      echo b',
      '    State:          Waiting',
      '      Reason:       CrashLoopBackOff',
      '    Last State:     Terminated',
      '      Reason:       OOMKilled',
      '      Message:      out of memory',
      '      Exit Code:    137',
      '      Signal:       9',
      '      Started:      Sat, 01 Mar 2025 10:00:00 +0000',
      '      Finished:     Sat, 01 Mar 2025 10:00:05 +0000',
      '    Ready:          False',
      '    Restart Count:  2',
      '    Limits:',
      '      cpu:  500m',
      '    Environment:',
      '      CPU:    5 (limits.cpu)',
      '      MEM:    node allocatable (limits.memory)',
      '      NS:     ns (v1:metadata.namespace)',
      '      NODE:    (v1:spec.nodeName)',
      '    Mounts:   <none>',
      '    Devices:  <none>',
      '      /dev/xvda from raw',
      '',
    ]);
  });

  it('indents template containers one more space and prints no state', () => {
    const w = new DescribeWriter();
    describeContainers(
      'Containers',
      [{ name: 'c', image: 'i', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
      undefined,
      undefined,
      w,
      '  ',
    );
    expect(w.toString().split('\n')).toEqual([
      '  Containers:',
      '   c:',
      '    Image:        i',
      '    Port:         80/TCP',
      '    Host Port:    0/TCP',
      '    Environment:  <none>',
      '    Mounts:       <none>',
      '',
    ]);
  });

  it('says <none> for an empty list', () => {
    const w = new DescribeWriter();
    describeContainers('Init Containers', [], undefined, undefined, w, '');
    expect(w.toString()).toBe('Init Containers: <none>\n');
  });
});

import { describe, expect, it } from 'vitest';
import { createErrors, edited, updateErrors } from './testing';

const SVC = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
};
type Svc = {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown> & { ports: Array<Record<string, unknown>> };
};
const svc = (edit: (s: Svc) => void): Svc => edited(SVC as Svc, edit);

describe('Service create', () => {
  it('accepts ClusterIP, NodePort, LoadBalancer, headless and ExternalName services', () => {
    expect(createErrors(SVC)).toEqual([]);
    expect(
      createErrors(svc((s) => ((s.spec['type'] = 'NodePort'), (s.spec.ports[0]!['nodePort'] = 30080)))),
    ).toEqual([]);
    expect(createErrors(svc((s) => (s.spec['type'] = 'LoadBalancer')))).toEqual([]);
    expect(createErrors(svc((s) => ((s.spec['clusterIP'] = 'None'), (s.spec.ports = []))))).toEqual([]);
    expect(
      createErrors(
        svc(
          (s) =>
            (s.spec = { type: 'ExternalName', externalName: 'db.example.com.' } as unknown as Svc['spec']),
        ),
      ),
    );
  });

  it.each<[string, (s: Svc) => void, string[]]>([
    [
      'name must be a DNS-1035 label',
      (s) => (s.metadata['name'] = '1web'),
      [
        "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    ['ports required', (s) => (s.spec.ports = []), ['spec.ports: Required value']],
    [
      'port range, protocol and target port',
      (s) => (s.spec.ports = [{ port: 0, protocol: 'HTTP', targetPort: 'HTTP' }]),
      [
        'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        'spec.ports[0].targetPort: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.ports[0].targetPort: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    ],
    [
      'several ports need names, and unique ports',
      (s) => (s.spec.ports = [{ port: 80 }, { name: 'b', port: 80 }]),
      [
        'spec.ports[0].name: Required value',
        'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    ],
    [
      'type',
      (s) => (s.spec['type'] = 'Internal'),
      [
        'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      ],
    ],
    [
      'nodePort on a ClusterIP service',
      (s) => (s.spec.ports[0]!['nodePort'] = 30080),
      ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ],
    [
      'nodePort outside the range',
      (s) => ((s.spec['type'] = 'NodePort'), (s.spec.ports[0]!['nodePort'] = 80)),
      [
        'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
      ],
    ],
    [
      'headless NodePort',
      (s) => ((s.spec['type'] = 'NodePort'), (s.spec['clusterIP'] = 'None')),
      ['spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services'],
    ],
    [
      'bad cluster IP',
      (s) => (s.spec['clusterIP'] = '10.0.0.300'),
      [
        'spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      ],
    ],
    [
      'externalName required',
      (s) => (s.spec = { type: 'ExternalName' } as unknown as Svc['spec']),
      ['spec.externalName: Required value'],
    ],
    [
      'session affinity',
      (s) => (s.spec['sessionAffinity'] = 'Cookie'),
      ['spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"'],
    ],
    [
      'externalTrafficPolicy on a ClusterIP service',
      (s) => (s.spec['externalTrafficPolicy'] = 'Local'),
      [
        'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
      ],
    ],
    [
      'loadBalancerSourceRanges',
      (s) => ((s.spec['type'] = 'LoadBalancer'), (s.spec['loadBalancerSourceRanges'] = ['10.0.0.0/33'])),
      [
        'spec.LoadBalancerSourceRanges[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    ],
  ])('%s', (_, edit, expected) => {
    expect(createErrors(svc(edit))).toEqual(expected);
  });
});

describe('Service update', () => {
  const allocated = svc(
    (s) => ((s.spec['clusterIP'] = '10.96.0.10'), (s.spec['clusterIPs'] = ['10.96.0.10'])),
  );

  it('keeps the allocated cluster IP when a manifest omits it', () => {
    expect(updateErrors(allocated, SVC)).toEqual([]);
  });

  it('refuses a new cluster IP', () => {
    expect(
      updateErrors(
        allocated,
        svc((s) => (s.spec['clusterIP'] = '10.96.0.99')),
      ),
    ).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set']);
  });

  it('drops node ports when the type changes to ClusterIP', () => {
    const nodePort = svc((s) => ((s.spec['type'] = 'NodePort'), (s.spec.ports[0]!['nodePort'] = 30080)));
    const back = svc((s) => (s.spec.ports[0]!['nodePort'] = 30080));
    expect(updateErrors(nodePort, back)).toEqual([]);
  });
});

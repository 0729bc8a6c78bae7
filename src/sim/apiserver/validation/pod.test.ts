import { describe, expect, it } from 'vitest';
import { UPDATABLE_POD_SPEC_FIELDS } from './pod';
import { POD, createErrors, edited, updateErrors } from './testing';

type PodLike = {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown> & { containers: Array<Record<string, unknown>> };
};
const pod = (edit: (p: PodLike) => void): PodLike => edited(POD as unknown as PodLike, edit);
const c0 = 'spec.containers[0]';
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('Pod create', () => {
  it('accepts a valid pod', () => {
    expect(createErrors(POD)).toEqual([]);
  });

  it.each<[string, (p: PodLike) => void, string[]]>([
    ['no containers', (p) => (p.spec.containers = []), ['spec.containers: Required value']],
    ['missing image', (p) => delete p.spec.containers[0]!['image'], [`${c0}.image: Required value`]],
    [
      'bad container name',
      (p) => (p.spec.containers[0]!['name'] = 'Web_1'),
      [`${c0}.name: Invalid value: "Web_1": ${LABEL_MSG}`],
    ],
    [
      'duplicate container names',
      (p) => p.spec.containers.push({ name: 'web', image: 'busybox' }),
      ['spec.containers[1].name: Duplicate value: "web"'],
    ],
    [
      'container port 0',
      (p) => (p.spec.containers[0]!['ports'] = [{ containerPort: 0 }]),
      [`${c0}.ports[0].containerPort: Required value`],
    ],
    [
      'container port out of range and bad protocol',
      (p) => (p.spec.containers[0]!['ports'] = [{ containerPort: 70000, protocol: 'HTTP' }]),
      [
        `${c0}.ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive`,
        `${c0}.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`,
      ],
    ],
    [
      'duplicate port names',
      (p) =>
        (p.spec.containers[0]!['ports'] = [
          { name: 'http', containerPort: 80 },
          { name: 'http', containerPort: 81 },
        ]),
      [`${c0}.ports[1].name: Duplicate value: "http"`],
    ],
    [
      'host port conflict',
      (p) =>
        p.spec.containers.push(
          { name: 'b', image: 'b', ports: [{ containerPort: 80, hostPort: 8080 }] },
          { name: 'c', image: 'c', ports: [{ containerPort: 81, hostPort: 8080 }] },
        ),
      ['spec.containers[2].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    ],
    [
      'env names and sources',
      (p) =>
        (p.spec.containers[0]!['env'] = [
          { name: '', value: 'x' },
          { name: 'A=B', value: 'x' },
          { name: 'C', valueFrom: {} },
          { name: 'D', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'E', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } },
          { name: 'F', valueFrom: { fieldRef: { fieldPath: 'spec.nope' } } },
          { name: 'G', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a/b' } } },
        ]),
      [
        `${c0}.env[0].name: Required value`,
        `${c0}.env[1].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
        `${c0}.env[2].valueFrom: Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\` or \`secretKeyRef\``,
        `${c0}.env[3].valueFrom: Invalid value: "": may not be specified when \`value\` is not empty`,
        `${c0}.env[4].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"`,
        `${c0}.env[5].valueFrom.fieldRef.fieldPath: Invalid value: "spec.nope": error converting fieldPath: field label not supported: spec.nope`,
        `${c0}.env[6].valueFrom.configMapKeyRef.key: Invalid value: "a/b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      ],
    ],
    [
      'requests above limits',
      (p) =>
        (p.spec.containers[0]!['resources'] = {
          requests: { cpu: '2', memory: '256Mi' },
          limits: { cpu: '1', memory: '1024Mi' },
        }),
      [`${c0}.resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`],
    ],
    [
      'negative quantity and unknown resource',
      (p) => (p.spec.containers[0]!['resources'] = { requests: { cpu: '-1', cpus: '1' } }),
      [
        `${c0}.resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0`,
        `${c0}.resources.requests[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified`,
        `${c0}.resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers`,
      ],
    ],
    [
      'extended resources need equal limits',
      (p) => (p.spec.containers[0]!['resources'] = { requests: { 'example.com/gpu': '1' } }),
      [`${c0}.resources.limits: Required value: Limit must be set for non overcommitable resources`],
    ],
    [
      'restart policy',
      (p) => (p.spec['restartPolicy'] = 'Sometimes'),
      [
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      ],
    ],
    [
      'dns policy',
      (p) => (p.spec['dnsPolicy'] = 'Cluster'),
      [
        'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      ],
    ],
    [
      'volume mounts',
      (p) => (p.spec.containers[0]!['volumeMounts'] = [{ name: 'data', mountPath: '/data' }]),
      [`${c0}.volumeMounts[0].name: Not found: "data"`],
    ],
    [
      'volumes with two sources and with a missing name (a volume without one defaults to emptyDir)',
      (p) =>
        (p.spec['volumes'] = [
          { name: 'a' },
          { name: 'b', emptyDir: {}, hostPath: { path: '/x' } },
          { name: 'c', configMap: {} },
        ]),
      [
        'spec.volumes[1].hostPath: Forbidden: may not specify more than 1 volume type',
        'spec.volumes[2].configMap.name: Required value',
      ],
    ],
    [
      'probes',
      (p) => {
        p.spec.containers[0]!['livenessProbe'] = { httpGet: { port: 0 }, successThreshold: 2 };
        p.spec.containers[0]!['readinessProbe'] = {};
      },
      [
        `${c0}.livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive`,
        `${c0}.livenessProbe.successThreshold: Invalid value: 2: must be 1`,
        `${c0}.readinessProbe: Required value: must specify a handler type`,
      ],
    ],
    [
      'tolerations',
      (p) =>
        (p.spec['tolerations'] = [
          { operator: 'Equal', value: 'x' },
          { key: 'k', operator: 'Exists', value: 'v', effect: 'NoRun' },
        ]),
      [
        'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
        'spec.tolerations[1].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\'',
        'spec.tolerations[1].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    ],
    [
      'ephemeral containers on create',
      (p) => (p.spec['ephemeralContainers'] = [{ name: 'debug', image: 'busybox' }]),
      ['spec.ephemeralContainers: Forbidden: cannot be set on create'],
    ],
    [
      'padded image',
      (p) => (p.spec.containers[0]!['image'] = ' nginx'),
      [`${c0}.image: Invalid value: " nginx": must not have leading or trailing whitespace`],
    ],
    [
      'active deadline',
      (p) => (p.spec['activeDeadlineSeconds'] = 0),
      ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
    ],
    [
      'security context',
      (p) =>
        (p.spec.containers[0]!['securityContext'] = {
          runAsUser: -1,
          allowPrivilegeEscalation: false,
          privileged: true,
        }),
      [
        `${c0}.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive`,
        `${c0}.securityContext: Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(nil), Privileged:(*bool)(0xc000a8c000), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(0xc000a8c000), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(0xc000a8c000), ProcMount:(*core.ProcMountType)(nil), SeccompProfile:(*core.SeccompProfile)(nil), AppArmorProfile:(*core.AppArmorProfile)(nil)}: cannot set \`allowPrivilegeEscalation\` to false and \`privileged\` to true`,
      ],
    ],
    [
      'node affinity without terms',
      (p) =>
        (p.spec['affinity'] = {
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
        }),
      [
        'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
      ],
    ],
  ])('%s', (_, edit, expected) => {
    expect(createErrors(pod(edit))).toEqual(expected);
  });
});

describe('Pod update', () => {
  const FORBIDDEN = `spec: Forbidden: pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n`;

  it('allows changing an image, adding a toleration and lowering activeDeadlineSeconds', () => {
    const before = pod((p) => (p.spec['activeDeadlineSeconds'] = 100));
    const after = pod((p) => {
      p.spec.containers[0]!['image'] = 'nginx:1.28';
      p.spec['activeDeadlineSeconds'] = 50;
      p.spec['tolerations'] = [{ key: 'k', operator: 'Exists' }];
    });
    expect(updateErrors(before, after)).toEqual([]);
  });

  it('forbids other spec changes, with a diff', () => {
    const errs = updateErrors(
      POD,
      pod((p) => (p.spec.containers[0]!['ports'] = [{ containerPort: 8080 }])),
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]!.startsWith(FORBIDDEN + '  core.PodSpec{\n')).toBe(true);
    expect(errs[0]).toContain('- \tContainers: ');
    expect(errs[0]).toContain('"containerPort":8080');
  });

  it('reads the full upstream list of updatable fields', () => {
    expect(FORBIDDEN).toBe(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n',
    );
  });

  it.each<[string, (p: PodLike) => void, (p: PodLike) => void, string[]]>([
    [
      'adding a container',
      () => {},
      (p) => p.spec.containers.push({ name: 'b', image: 'b' }),
      ['spec.containers: Forbidden: pod updates may not add or remove containers'],
    ],
    [
      'clearing an image',
      () => {},
      (p) => (p.spec.containers[0]!['image'] = ''),
      [`${c0}.image: Required value`],
    ],
    [
      'raising activeDeadlineSeconds',
      (p) => (p.spec['activeDeadlineSeconds'] = 10),
      (p) => (p.spec['activeDeadlineSeconds'] = 20),
      ['spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value'],
    ],
    [
      'removing activeDeadlineSeconds',
      (p) => (p.spec['activeDeadlineSeconds'] = 10),
      () => {},
      [
        'spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value',
      ],
    ],
    [
      'changing a toleration',
      (p) => (p.spec['tolerations'] = [{ key: 'k', operator: 'Exists' }]),
      (p) => (p.spec['tolerations'] = [{ key: 'j', operator: 'Exists' }]),
      ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'],
    ],
    [
      'renaming the pod',
      () => {},
      (p) => (p.metadata['name'] = 'other'),
      ['metadata.name: Invalid value: "other": field is immutable'],
    ],
  ])('%s', (_, before, after, expected) => {
    expect(updateErrors(pod(before), pod(after))).toEqual(expected);
  });
});

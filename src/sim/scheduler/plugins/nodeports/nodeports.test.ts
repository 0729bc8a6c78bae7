import { describe, expect, it } from 'vitest';
import type { ContainerPort } from 'kubernetes-types/core/v1';
import { makeNode, makePod, nodeInfos, runFilter } from '../../testing';
import { ERR_REASON, nodePorts } from '.';

const withPorts = (name: string, ports: ContainerPort[], nodeName?: string) =>
  makePod(name, { containers: [{ name: 'c', image: 'nginx', ports }], ...(nodeName ? { nodeName } : {}) });

describe('NodePorts Filter', () => {
  const NO = `Unschedulable: ${ERR_REASON}`;
  const cases: { name: string; existing: ContainerPort[]; wanted: ContainerPort[]; want: string }[] = [
    { name: 'nothing in use', existing: [], wanted: [{ containerPort: 80, hostPort: 8080 }], want: '' },
    {
      name: 'same port and protocol',
      existing: [{ containerPort: 80, hostPort: 8080 }],
      wanted: [{ containerPort: 81, hostPort: 8080, protocol: 'TCP' }],
      want: NO,
    },
    {
      name: 'same port, other protocol',
      existing: [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }],
      wanted: [{ containerPort: 53, hostPort: 53, protocol: 'TCP' }],
      want: '',
    },
    {
      name: 'specific IP against 0.0.0.0',
      existing: [{ containerPort: 80, hostPort: 80 }],
      wanted: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }],
      want: NO,
    },
    {
      name: 'two different specific IPs',
      existing: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' }],
      wanted: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }],
      want: '',
    },
    {
      name: 'container ports without host ports (skipped)',
      existing: [{ containerPort: 80, hostPort: 80 }],
      wanted: [{ containerPort: 80 }],
      want: '',
    },
  ];
  it.each(cases)('$name', ({ existing, wanted, want }) => {
    const nodes = nodeInfos([makeNode('n')], [withPorts('old', existing, 'n')]);
    expect(runFilter(nodePorts(), withPorts('new', wanted), nodes)).toEqual([want]);
  });
});

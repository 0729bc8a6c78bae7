import { beforeAll, describe, expect, it } from 'vitest';
import { testClient } from '../../sim/apiserver/testing';
import { Discovery, DiscoveryCache } from '../client/discovery';
import { InProcessTransport } from '../client/in-process';
import { RestClient } from '../client/rest';
import { RestMapper } from '../client/restmapper';
import { MISSING_RESOURCE, planVisits, type PlanOptions, type Visit } from './args';

let mapper: RestMapper;
beforeAll(() => {
  const client = new RestClient({
    transport: new InProcessTransport(testClient().cluster.apiserver),
    server: 'https://127.0.0.1:6443',
    verbosity: 0,
    stderr: () => undefined,
    now: () => 0,
    signal: new AbortController().signal,
  });
  mapper = new RestMapper(new Discovery(client, new DiscoveryCache(), () => 0), () => undefined);
});

const inDefault: PlanOptions = { namespace: 'default', allNamespaces: false, selector: false };
const show = (v: Visit) =>
  `${v.type} ${v.mapping.name}${v.namespace === '' ? '' : ` -n ${v.namespace}`}${v.type === 'get' ? ` ${v.name}` : ''}`;

describe('planVisits (the resource builder)', () => {
  it.each<[string, Partial<PlanOptions>, string[], boolean]>([
    ['pods', {}, ['list pods -n default'], false],
    ['pods,svc,pods', {}, ['list pods -n default', 'list services -n default'], false],
    ['pods,nodes', { namespace: '', allNamespaces: true }, ['list pods', 'list nodes'], false],
    ['pods web', {}, ['get pods -n default web'], true],
    ['pods web db', {}, ['get pods -n default web', 'get pods -n default db'], false],
    ['nodes node-1', {}, ['get nodes node-1'], true],
    ['pods,svc web', {}, ['get pods -n default web', 'get services -n default web'], false],
    ['pod/web', {}, ['get pods -n default web'], true],
    ['pod/web svc/web', {}, ['get pods -n default web', 'get services -n default web'], false],
    ['deploy', { selector: true }, ['list deployments -n default'], false],
  ])('%s %j', async (args, options, visits, single) => {
    const plan = await planVisits(args.split(' '), mapper, { ...inDefault, ...options });
    expect(plan.visits.map(show)).toEqual(visits);
    expect(plan.singleItemImplied).toBe(single);
  });

  it('expands `all` into its types, once each', async () => {
    const plan = await planVisits(['all'], mapper, inDefault);
    expect(plan.visits.map((v) => v.mapping.name)).toEqual([
      'pods',
      'replicationcontrollers',
      'services',
      'daemonsets',
      'deployments',
      'replicasets',
      'statefulsets',
      'horizontalpodautoscalers',
      'cronjobs',
      'jobs',
    ]);
  });

  it.each<[string[], Partial<PlanOptions>, string]>([
    [[], {}, MISSING_RESOURCE],
    [
      ['pods/x', 'y'],
      {},
      "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    ],
    [['pods/a/b'], {}, 'arguments in resource/name form may not have more than one slash'],
    [['/x'], {}, 'arguments in resource/name form must have a single resource and name'],
    [['pods,svc/x'], {}, 'arguments in resource/name form must have a single resource and name'],
    [
      ['pods', 'x'],
      { namespace: '', allNamespaces: true },
      'a resource cannot be retrieved by name across all namespaces',
    ],
    [['pods', 'x'], { selector: true }, 'name cannot be provided when a selector is specified'],
    [
      ['pods/x'],
      { selector: true },
      'selectors and the all flag cannot be used when passing resource/name arguments',
    ],
    [['all', 'x'], {}, 'you must specify only one resource'],
    [['pods,svc'], { singleType: true }, 'you may only specify a single resource type'],
    [['pod/a', 'svc/b'], { singleType: true }, 'you may only specify a single resource type'],
    [['pods,foo'], {}, 'the server doesn\'t have a resource type "foo"'],
  ])('%j is refused', async (args, options, message) => {
    await expect(planVisits(args, mapper, { ...inDefault, ...options })).rejects.toThrow(message);
  });
});

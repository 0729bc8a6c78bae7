import { beforeAll, describe, expect, it } from 'vitest';
import { testKubectl, type TestKubectl } from '../testing';

/** An Event about the ConfigMap `app`, last seen at `at` (epoch ms). */
const event = (name: string, type: string, reason: string, at: number, count = 1) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name },
  involvedObject: { apiVersion: 'v1', kind: 'ConfigMap', name: 'app', namespace: 'demo' },
  type,
  reason,
  message: `${reason} happened`,
  source: { component: 'test' },
  firstTimestamp: new Date(at - (count - 1) * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
  lastTimestamp: new Date(at).toISOString().replace(/\.\d+Z$/, 'Z'),
  count,
});

describe('kubectl events', () => {
  let t: TestKubectl;
  beforeAll(async () => {
    t = await testKubectl();
    t.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    await t.run('kubectl config set-context --current --namespace=demo');
    const now = t.cluster.kernel.clock.epoch + t.cluster.kernel.clock.now();
    t.post('/api/v1/namespaces/demo/events', event('app.2', 'Warning', 'Broken', now - 30_000, 3));
    t.post('/api/v1/namespaces/demo/events', event('app.1', 'Normal', 'Made', now - 120_000));
  });

  it('lists the events of the namespace, oldest first', async () => {
    expect(await t.run('kubectl events')).toEqual({
      stdout:
        'LAST SEEN             TYPE      REASON   OBJECT          MESSAGE\n' +
        '2m                    Normal    Made     ConfigMap/app   Made happened\n' +
        '30s (x3 over 2m30s)   Warning   Broken   ConfigMap/app   Broken happened\n',
      stderr: '',
      code: 0,
    });
  });

  it('filters by object and type', async () => {
    const warnings = await t.run('kubectl events --for configmap/app --types=Warning --no-headers');
    expect(warnings.stdout).toBe(
      '30s (x3 over 2m30s)   Warning   Broken   ConfigMap/app   Broken happened\n',
    );
    expect((await t.run('kubectl events --for configmap/other')).stderr).toBe(
      'No events found in demo namespace.\n',
    );
    expect((await t.run('kubectl events --types=Info')).stderr).toBe(
      'error: valid --types are Normal or Warning\n',
    );
    expect((await t.run('kubectl events --for app')).stderr).toBe(
      'error: --for must be in resource/name form\n',
    );
    expect((await t.run('kubectl events --for widget/app')).stderr).toBe(
      'the server doesn\'t have a resource type "widget"\n',
    );
  });

  it('prints the typed EventList with -o', async () => {
    const yaml = await t.run('kubectl events --types=Normal -o yaml');
    expect(yaml.stdout).toMatch(
      /^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}count: 1\n {2}eventTime: null\n/,
    );
    expect(yaml.stdout).toContain('\n  reportingInstance: ""\n');
    expect(yaml.stdout.endsWith('kind: EventList\nmetadata: {}\n')).toBe(true);
  });

  it('watches for new events', async () => {
    const run = t.start('kubectl events -w --types=Warning');
    await t.advance(1_000);
    const now = t.cluster.kernel.clock.epoch + t.cluster.kernel.clock.now();
    t.post('/api/v1/namespaces/demo/events', event('app.3', 'Warning', 'Again', now));
    await t.advance(1_000);
    run.interrupt();
    expect(await run.exit).toBe(1);
    expect(run.output.out.split('\n').slice(0, 3)).toEqual([
      'LAST SEEN             TYPE      REASON   OBJECT          MESSAGE',
      '30s (x3 over 2m30s)   Warning   Broken   ConfigMap/app   Broken happened',
      '0s                    Warning   Again    ConfigMap/app   Again happened',
    ]);
  });
});

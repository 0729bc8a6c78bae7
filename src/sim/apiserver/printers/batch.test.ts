import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { cronJobPrinter, jobPrinter } from './batch';
import type { Printer } from './types';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const cells = (p: Printer, obj: object) => p.print(obj as KubeObject, NOW).cells;

const template = { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }], restartPolicy: 'Never' } };
const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } };

function job(spec: object, status: object, meta: object = {}) {
  return {
    metadata: { name: 'pi', creationTimestamp: ago(10 * MIN), ...meta },
    spec: { template, selector, ...spec },
    status,
  };
}

describe('jobs', () => {
  it('has the v1.32 columns', () => {
    expect(jobPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Status:0',
      'Completions:0',
      'Duration:0',
      'Age:0',
      'Containers:1',
      'Images:1',
      'Selector:1',
    ]);
  });

  it.each<[string, object, unknown[]]>([
    ['not started', job({ completions: 1 }, {}), ['pi', 'Running', '0/1', '', '10m']],
    [
      'running',
      job({ completions: 3 }, { startTime: ago(5 * MIN), succeeded: 1, active: 1 }),
      ['pi', 'Running', '1/3', '5m', '10m'],
    ],
    [
      'complete',
      job(
        { completions: 1 },
        {
          startTime: ago(9 * MIN),
          completionTime: ago(9 * MIN - 42_000),
          succeeded: 1,
          conditions: [
            { type: 'SuccessCriteriaMet', status: 'True' },
            { type: 'Complete', status: 'True' },
          ],
        },
      ),
      ['pi', 'Complete', '1/1', '42s', '10m'],
    ],
    [
      'failed',
      job(
        { completions: 1 },
        { startTime: ago(MIN), failed: 7, conditions: [{ type: 'Failed', status: 'True' }] },
      ),
      ['pi', 'Failed', '0/1', '60s', '10m'],
    ],
    [
      'failure target before Failed',
      job(
        { completions: 1 },
        { startTime: ago(MIN), conditions: [{ type: 'FailureTarget', status: 'True' }] },
      ),
      ['pi', 'FailureTarget', '0/1', '60s', '10m'],
    ],
    [
      'suspended',
      job({ completions: 2, suspend: true }, { conditions: [{ type: 'Suspended', status: 'True' }] }),
      ['pi', 'Suspended', '0/2', '', '10m'],
    ],
    [
      'being deleted',
      job(
        { completions: 2 },
        { conditions: [{ type: 'Suspended', status: 'True' }] },
        { deletionTimestamp: ago(1000) },
      ),
      ['pi', 'Terminating', '0/2', '', '10m'],
    ],
    [
      'work queue with parallelism',
      job({ parallelism: 4 }, { succeeded: 2 }),
      ['pi', 'Running', '2/1 of 4', '', '10m'],
    ],
    ['no completions, parallelism 1', job({ parallelism: 1 }, {}), ['pi', 'Running', '0/1', '', '10m']],
    [
      'a False condition does not count',
      job({ completions: 1 }, { conditions: [{ type: 'Complete', status: 'False' }] }),
      ['pi', 'Running', '0/1', '', '10m'],
    ],
  ])('%s', (_name, obj, expected) => {
    const row = cells(jobPrinter, obj);
    expect(row.slice(0, 5)).toEqual(expected);
    expect(row.slice(5)).toEqual(['pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc']);
  });
});

describe('cronjobs', () => {
  it('has the v1.32 columns', () => {
    expect(cronJobPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0',
      'Schedule:string:0',
      'Timezone:string:0',
      'Suspend:boolean:0',
      'Active:integer:0',
      'Last Schedule:string:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
      'Selector:string:1',
    ]);
  });

  it.each<[string, object, unknown[]]>([
    [
      'never scheduled',
      {
        metadata: { name: 'hello', creationTimestamp: ago(MIN) },
        spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template } } },
      },
      ['hello', '*/5 * * * *', '<none>', 'False', 0, '<none>', '60s', 'pi', 'perl:5.34', '<none>'],
    ],
    [
      'active, with a time zone',
      {
        metadata: { name: 'report', creationTimestamp: ago(3 * 24 * 3600_000) },
        spec: {
          schedule: '0 2 * * *',
          timeZone: 'Etc/UTC',
          suspend: true,
          jobTemplate: { spec: { template } },
        },
        status: { active: [{ name: 'report-1' }, { name: 'report-2' }], lastScheduleTime: ago(2 * MIN) },
      },
      ['report', '0 2 * * *', 'Etc/UTC', 'True', 2, '2m', '3d', 'pi', 'perl:5.34', '<none>'],
    ],
    [
      'suspend unset',
      {
        metadata: { name: 'x' },
        spec: { schedule: '@hourly', jobTemplate: { spec: { template: {}, selector } } },
      },
      [
        'x',
        '@hourly',
        '<none>',
        '<unset>',
        0,
        '<none>',
        '<unknown>',
        '',
        '',
        'batch.kubernetes.io/controller-uid=abc',
      ],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(cells(cronJobPrinter, obj)).toEqual(expected);
  });
});

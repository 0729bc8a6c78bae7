import { describe, expect, it } from 'vitest';
import { cronScheduleError, goDurationError } from './cron';
import { createErrors, edited, updateErrors, type Json } from './testing';

const JOB = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
};
const CRON = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'hello', namespace: 'default' },
  spec: { schedule: '*/5 * * * *', jobTemplate: JOB.spec ? { spec: JOB.spec } : {} },
};
type Obj = { metadata: Record<string, unknown>; spec: Record<string, Json> };
const job = (edit: (j: Obj) => void): Obj => edited(JOB as Obj, edit);
const cron = (edit: (j: Obj) => void): Obj => edited(CRON as Obj, edit);

describe('Job', () => {
  it('accepts a valid job (its selector is generated)', () => {
    expect(createErrors(JOB)).toEqual([]);
  });

  it.each<[string, (j: Obj) => void, string[]]>([
    [
      'restartPolicy left at Always',
      (j) => delete j.spec['template'].spec.restartPolicy,
      ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    [
      'negative counts',
      (j) => ((j.spec['completions'] = -1), (j.spec['backoffLimit'] = -2)),
      [
        'spec.completions: Invalid value: -1: must be greater than or equal to 0',
        'spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0',
      ],
    ],
    [
      'indexed without completions',
      (j) => ((j.spec['completionMode'] = 'Indexed'), (j.spec['parallelism'] = 2)),
      ['spec.completions: Required value: when completion mode is Indexed'],
    ],
    [
      'manual selector not matching',
      (j) => ((j.spec['manualSelector'] = true), (j.spec['selector'] = { matchLabels: { a: 'b' } })),
      [
        'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
      ],
    ],
    [
      'manual selector missing',
      (j) => (j.spec['manualSelector'] = true),
      [
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
      ],
    ],
  ])('%s', (_, edit, expected) => {
    expect(createErrors(job(edit))).toEqual(expected);
  });

  it('keeps the template immutable', () => {
    const errs = updateErrors(
      JOB,
      job((j) => (j.spec['template'].spec.containers[0].image = 'perl:2')),
    );
    // (The update also drops the selector the Job strategy generated on create, which is
    // its own error; the template's immutability is what this test is about.)
    expect(
      errs.filter((e) =>
        /^spec\.template: Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable$/.test(e),
      ),
    ).toHaveLength(1);
  });
});

describe('CronJob', () => {
  it('accepts a valid cron job', () => {
    expect(createErrors(CRON)).toEqual([]);
    expect(
      createErrors(cron((c) => ((c.spec['schedule'] = '@hourly'), (c.spec['timeZone'] = 'Europe/Paris')))),
    ).toEqual([]);
  });

  it.each<[string, (j: Obj) => void, string[]]>([
    [
      'bad schedule',
      (c) => (c.spec['schedule'] = 'every minute'),
      ['spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]'],
    ],
    [
      'schedule out of range',
      (c) => (c.spec['schedule'] = '61 * * * *'),
      ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'],
    ],
    [
      'TZ in the schedule',
      (c) => (c.spec['schedule'] = 'TZ=UTC 0 * * * *'),
      [
        'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      ],
    ],
    [
      'unknown time zone',
      (c) => (c.spec['timeZone'] = 'Mars/Olympus'),
      ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    ],
    [
      'Local time zone',
      (c) => (c.spec['timeZone'] = 'Local'),
      [
        'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      ],
    ],
    [
      'concurrency policy',
      (c) => (c.spec['concurrencyPolicy'] = 'Sometimes'),
      [
        'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
      ],
    ],
    [
      'job template restart policy',
      (c) => delete c.spec['jobTemplate'].spec.template.spec.restartPolicy,
      [
        'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      ],
    ],
    [
      'long name',
      (c) => (c.metadata['name'] = 'c'.repeat(53)),
      [`metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`],
    ],
  ])('%s', (_, edit, expected) => {
    expect(createErrors(cron(edit))).toEqual(expected);
  });
});

describe('cron schedules', () => {
  it.each<[string, string | undefined]>([
    ['*/15 0-6 1,15 jan-mar mon-fri', undefined],
    ['0 0 * * 0', undefined],
    ['@daily', undefined],
    ['@every 1h30m', undefined],
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['@sometimes', 'unrecognized descriptor: @sometimes'],
    ['@every 5x', 'failed to parse duration @every 5x: time: unknown unit "x" in duration "5x"'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
  ])('%j', (spec, error) => {
    expect(cronScheduleError(spec)).toBe(error);
  });

  it('parses Go durations', () => {
    expect(goDurationError('1h30m')).toBeUndefined();
    expect(goDurationError('1.5s')).toBeUndefined();
    expect(goDurationError('5')).toBe('time: missing unit in duration "5"');
    expect(goDurationError('abc')).toBe('time: invalid duration "abc"');
  });
});

import { describe, expect, it } from 'vitest';
import {
  controllerOf,
  goTimeString,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  printTolerationsMultiline,
  rfc1123z,
} from './format';
import { DescribeWriter, type PrefixWriter } from './writer';

const render = (write: (w: PrefixWriter) => void): string => {
  const w = new DescribeWriter();
  write(w);
  return w.toString();
};

describe('timestamps', () => {
  it('prints RFC 1123 with a numeric zone, and Go zero time for unset ones', () => {
    expect(rfc1123z('2025-03-01T09:05:07Z')).toBe('Sat, 01 Mar 2025 09:05:07 +0000');
    expect(rfc1123z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
    expect(goTimeString('2025-03-01T09:05:07Z')).toBe('2025-03-01 09:05:07 +0000 UTC');
  });
});

describe('labels and annotations', () => {
  it('lists labels one per line in key order, or <none>', () => {
    expect(render((w) => printLabelsMultiline(w, 'Labels', { b: '2', a: '1' }))).toBe(
      'Labels:  a=1\n         b=2\n',
    );
    expect(render((w) => printLabelsMultiline(w, 'Labels', {}))).toBe('Labels:  <none>\n');
  });

  it('indents a template block with an initial indent on every line', () => {
    expect(render((w) => printLabelsMultiline(w, 'Labels', { a: '1', b: '2' }, '  ')).split('\n')).toEqual([
      '  Labels:  a=1',
      '           b=2',
      '',
    ]);
  });

  it("skips kubectl's last-applied annotation and puts long or multi-line values on lines of their own", () => {
    const long = 'x'.repeat(150);
    const text = render((w) =>
      printAnnotationsMultiline(w, 'Annotations', {
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
        short: 'value',
        long,
        multi: 'one\ntwo\n',
      }),
    );
    expect(text.split('\n')).toEqual([
      'Annotations:  long:',
      `                ${'x'.repeat(138)}...`,
      '              multi:',
      '                one',
      '                two',
      '              short: value',
      '',
    ]);
    expect(
      render((w) =>
        printAnnotationsMultiline(w, 'Annotations', {
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
        }),
      ),
    ).toBe('Annotations:  <none>\n');
  });
});

describe('taints and tolerations', () => {
  it('orders taints by effect, then key', () => {
    const text = render((w) =>
      printTaintsMultiline(w, 'Taints', [
        { key: 'b', effect: 'NoSchedule' },
        { key: 'a', value: 'x', effect: 'NoSchedule' },
        { key: 'c', effect: 'NoExecute' },
      ]),
    );
    expect(text).toBe('Taints:  c:NoExecute\n         a=x:NoSchedule\n         b:NoSchedule\n');
  });

  it('writes each toleration as key=value:Effect, with op=Exists and a time limit', () => {
    const text = render((w) =>
      printTolerationsMultiline(w, 'Tolerations', [
        { operator: 'Exists' },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
        { key: 'CriticalAddonsOnly', operator: 'Exists' },
      ]),
    );
    expect(text.split('\n')).toEqual([
      'Tolerations:  op=Exists',
      '              CriticalAddonsOnly op=Exists',
      '              dedicated=gpu:NoSchedule',
      '              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
      '',
    ]);
  });
});

describe('controllerOf', () => {
  it('names the controlling owner only', () => {
    expect(
      controllerOf({
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: '1' },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: '2', controller: true },
        ],
      }),
    ).toBe('ReplicaSet/web-1');
    expect(controllerOf({})).toBe('');
  });
});

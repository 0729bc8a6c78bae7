import { describe, expect, it } from 'vitest';
import { commonPrefix, endsWord, formatList, valueOf } from './completion-list';

describe('completion list', () => {
  it('finds the common prefix of values', () => {
    expect(commonPrefix(['web-1', 'web-2', 'web-10'])).toBe('web-');
    expect(commonPrefix(['a'])).toBe('a');
    expect(commonPrefix([])).toBe('');
    expect(valueOf('get\tDisplay one or many resources')).toBe('get');
    expect(endsWord('pods/')).toBe(false);
    expect(endsWord('--namespace=')).toBe(false);
    expect(endsWord('web')).toBe(true);
  });

  it('lays values out in columns filled top to bottom, sorted, as readline does', () => {
    const names = ['pods', 'nodes', 'services', 'secrets', 'configmaps', 'events', 'endpoints'];
    expect(formatList(names, 40).split('\r\n')).toEqual([
      'configmaps  nodes       services',
      'endpoints   pods',
      'events      secrets',
      '',
    ]);
    expect(formatList(names, 20).split('\r\n')[0]).toBe('configmaps');
    expect(formatList(['only-one'], 5)).toBe('only-one\r\n');
  });

  it('formats descriptions as kubectl’s bash completion does', () => {
    // Short enough for two columns, which readline then uses.
    expect(formatList(['get\tDisplay one or many resources', 'gets\tx'], 80).split('\r\n')).toEqual([
      'get   (Display one or many resources)  gets  (x)',
      '',
    ]);
    expect(formatList(['get\tDisplay one or many resources', 'gets\tx'], 60).split('\r\n')).toEqual([
      'get   (Display one or many resources)',
      'gets  (x)',
      '',
    ]);
    // Too narrow to align: no padding, and the description is cut to fit.
    expect(formatList(['get\tDisplay one or many resources', 'rollout\tManage'], 16).split('\r\n')).toEqual([
      'get  (Display …)',
      'rollout  (Mana…)',
      '',
    ]);
  });
});

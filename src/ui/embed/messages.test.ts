import { describe, expect, it } from 'vitest';
import { envelope, MAX_COMMAND_LENGTH, parseRequest } from './messages';

const msg = (fields: Record<string, unknown>) => ({ source: 'kubelab', version: 1, ...fields });

describe('parseRequest', () => {
  it.each([
    [msg({ type: 'load-lesson', lesson: '01-tour' }), { type: 'load-lesson', lesson: '01-tour' }],
    [
      msg({ type: 'load-lesson', lesson: '02-apply-journey', step: 3 }),
      { type: 'load-lesson', lesson: '02-apply-journey', step: 3 },
    ],
    [msg({ type: 'run', command: 'kubectl get nodes' }), { type: 'run', command: 'kubectl get nodes' }],
    [
      msg({ type: 'run', command: 'k'.repeat(MAX_COMMAND_LENGTH) }),
      { type: 'run', command: 'k'.repeat(MAX_COMMAND_LENGTH) },
    ],
    [msg({ type: 'reset' }), { type: 'reset' }],
  ])('takes %j', (data, request) => {
    expect(parseRequest(data)).toEqual({ kind: 'request', request });
  });

  it.each([
    ['a string', 'kubectl get nodes'],
    ['null', null],
    ['an array', ['kubelab']],
    ['no source', { version: 1, type: 'reset' }],
    ['another source', { source: 'react-devtools', version: 1, type: 'reset' }],
  ])('leaves %s to other scripts', (_what, data) => {
    expect(parseRequest(data)).toEqual({ kind: 'foreign' });
  });

  it.each([
    ['another version', { source: 'kubelab', version: 2, type: 'reset' }, /version 1 of the API, not 2/],
    ['no version', { source: 'kubelab', type: 'reset' }, /version 1/],
    ['no type', msg({}), /unknown request type; use one of load-lesson, run, reset/],
    ['an unknown type', msg({ type: 'delete-everything' }), /unknown request type/],
    ['an inherited name as type', msg({ type: 'toString' }), /unknown request type/],
    ['an extra field', msg({ type: 'reset', force: true }), /reset takes no fields/],
    ['a misspelt field', msg({ type: 'run', cmd: 'kubectl get pods' }), /run takes only command/],
    ['no lesson', msg({ type: 'load-lesson' }), /needs a lesson id/],
    ['a lesson id with capitals', msg({ type: 'load-lesson', lesson: '01-Tour' }), /needs a lesson id/],
    ['a lesson path', msg({ type: 'load-lesson', lesson: '../01-tour' }), /needs a lesson id/],
    ['a long lesson id', msg({ type: 'load-lesson', lesson: 'a'.repeat(65) }), /needs a lesson id/],
    ['a numeric lesson', msg({ type: 'load-lesson', lesson: 1 }), /needs a lesson id/],
    ['step 0', msg({ type: 'load-lesson', lesson: '01-tour', step: 0 }), /counts from 1/],
    ['a fractional step', msg({ type: 'load-lesson', lesson: '01-tour', step: 1.5 }), /counts from 1/],
    ['a step in text', msg({ type: 'load-lesson', lesson: '01-tour', step: '2' }), /counts from 1/],
    ['a huge step', msg({ type: 'load-lesson', lesson: '01-tour', step: 1001 }), /at most 1000/],
    ['no command', msg({ type: 'run' }), /needs a command of 1 to 4096/],
    ['a blank command', msg({ type: 'run', command: '   ' }), /needs a command/],
    [
      'a command too long',
      msg({ type: 'run', command: 'k'.repeat(MAX_COMMAND_LENGTH + 1) }),
      /needs a command/,
    ],
    ['a command as a list', msg({ type: 'run', command: ['kubectl', 'get'] }), /needs a command/],
    ['two lines', msg({ type: 'run', command: 'kubectl get pods\nkubectl delete pods --all' }), /one line/],
    ['an escape sequence', msg({ type: 'run', command: 'kubectl get pods\u001b[2J' }), /control character/],
  ])('says what is wrong with %s', (_what, data, error) => {
    const parsed = parseRequest(data);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.error).toMatch(error);
  });
});

describe('envelope', () => {
  it('marks the lab’s events with the source and the version', () => {
    expect(envelope({ type: 'lesson-completed', lesson: '01-tour' })).toEqual({
      source: 'kubelab',
      version: 1,
      type: 'lesson-completed',
      lesson: '01-tour',
    });
  });
});

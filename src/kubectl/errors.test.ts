import { describe, expect, it } from 'vitest';
import type { Status } from '../sim/apiserver/types';
import { ConnectionError } from './client/transport';
import { ConfigError, ExitError, StatusError, UsageError, formatError } from './errors';

const status = (fields: Partial<Status>): StatusError =>
  new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', ...fields });

describe('formatError (cmdutil.CheckErr)', () => {
  it.each<[string, unknown, string]>([
    [
      'an API error with a reason',
      status({ reason: 'NotFound', message: 'pods "x" not found', code: 404 }),
      'Error from server (NotFound): pods "x" not found\n',
    ],
    ['an API error without a reason', status({ message: 'boom', code: 500 }), 'Error from server: boom\n'],
    [
      'Unauthorized',
      status({ reason: 'Unauthorized', message: 'Unauthorized', code: 401 }),
      'error: You must be logged in to the server (Unauthorized)\n',
    ],
    [
      'Invalid with causes',
      status({
        reason: 'Invalid',
        code: 422,
        message: 'Pod "x" is invalid: spec.containers: Required value',
        details: {
          kind: 'Pod',
          name: 'x',
          causes: [{ field: 'spec.containers', message: 'Required value' }],
        },
      }),
      'The Pod "x" is invalid: spec.containers: Required value\n',
    ],
    [
      'Invalid with several causes',
      status({
        reason: 'Invalid',
        code: 422,
        details: {
          kind: 'Pod',
          name: 'x',
          causes: [
            { field: 'a', message: 'bad' },
            { field: 'b', message: 'worse' },
            { field: 'a', message: 'bad' },
          ],
        },
      }),
      'The Pod "x" is invalid: \n* a: bad\n* b: worse\n',
    ],
    [
      'Invalid without details',
      status({ reason: 'Invalid', code: 422, message: 'nope' }),
      'The request is invalid: nope\n',
    ],
    [
      'a plain error',
      new Error('the server doesn\'t have a resource type "foo"'),
      'error: the server doesn\'t have a resource type "foo"\n',
    ],
    ['an error already prefixed', new Error('error: once'), 'error: once\n'],
    [
      'a configuration error',
      new ConfigError('context was not found for specified context: nope'),
      'Error in configuration: context was not found for specified context: nope\n',
    ],
    [
      'a usage error',
      new UsageError('kubectl api-versions', 'unexpected arguments: [x]'),
      "error: unexpected arguments: [x]\nSee 'kubectl api-versions -h' for help and examples\n",
    ],
    [
      'an unreachable server',
      new ConnectionError(
        'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
      ),
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
    ],
    [
      'several errors, one per line',
      new AggregateError([
        status({ reason: 'NotFound', message: 'pods "a" not found' }),
        new Error('context b not found'),
      ]),
      'Error from server (NotFound): pods "a" not found\ncontext b not found\n',
    ],
    [
      'one error in an aggregate',
      new AggregateError([new Error('context b not found')]),
      'error: context b not found\n',
    ],
    ['ErrExit prints nothing', new ExitError(), ''],
  ])('%s', (_, error, text) => {
    expect(formatError(error)).toBe(text);
  });
});

/**
 * The 422 Invalid Status, built as apimachinery's errors.NewInvalid builds it.
 */
import type { ResourceInfo } from '../resources';
import type { Status } from '../types';
import type { FieldError } from './field';
import { errorBody, formatFieldError } from './field';
import { goQuote } from './gofmt';

/**
 * The body of a 422 Invalid response: message `Kind.group "name" is invalid: <errors>` (one
 * error as is, several as `[a, b]` with duplicates dropped), reason Invalid, and one cause
 * per error (duplicates kept, as upstream keeps them).
 */
export function invalidStatus(
  resource: Pick<ResourceInfo, 'group' | 'kind'>,
  name: string,
  errors: readonly FieldError[],
): Status {
  const qualifiedKind = resource.group === '' ? resource.kind : `${resource.kind}.${resource.group}`;
  const messages = [...new Set(errors.map(formatFieldError))];
  let message = `${qualifiedKind} ${goQuote(name)} is invalid`;
  if (messages.length === 1) message += `: ${messages[0]}`;
  else if (messages.length > 1) message += `: [${messages.join(', ')}]`;
  const causes = errors.map((e) => ({
    reason: e.type,
    ...(errorBody(e) === '' ? {} : { message: errorBody(e) }),
    ...(e.field === '' ? {} : { field: e.field }),
  }));
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Invalid',
    details: {
      ...(name === '' ? {} : { name }),
      ...(resource.group === '' ? {} : { group: resource.group }),
      kind: resource.kind,
      ...(causes.length === 0 ? {} : { causes }),
    },
    code: 422,
  };
}

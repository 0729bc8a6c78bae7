/**
 * `Status` objects for failed requests, with the reasons, codes and messages of
 * k8s.io/apimachinery/pkg/api/errors, so clients print what a real cluster prints.
 */
import { qualifiedName, type ResourceInfo } from './resources';
import type { Status } from './types';

/** A failed request, carrying the Status to send back. */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
  get code(): number {
    return this.status.code ?? 500;
  }
}

type Resource = Pick<ResourceInfo, 'group' | 'plural'>;

function failure(code: number, reason: string, message: string, details?: Status['details']): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details === undefined ? {} : { details }),
    code,
  };
}

function detailsFor(resource: Resource, name: string): NonNullable<Status['details']> {
  return { name, ...(resource.group === '' ? {} : { group: resource.group }), kind: resource.plural };
}

export function notFound(resource: Resource, name: string): ApiError {
  return new ApiError(
    failure(404, 'NotFound', `${qualifiedName(resource)} "${name}" not found`, detailsFor(resource, name)),
  );
}

export function alreadyExists(resource: Resource, name: string): ApiError {
  return new ApiError(
    failure(
      409,
      'AlreadyExists',
      `${qualifiedName(resource)} "${name}" already exists`,
      detailsFor(resource, name),
    ),
  );
}

/** An optimistic-concurrency failure: the object changed since the client read it. */
export function conflict(resource: Resource, name: string, why = OBJECT_MODIFIED): ApiError {
  return new ApiError(
    failure(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedName(resource)} "${name}": ${why}`,
      detailsFor(resource, name),
    ),
  );
}

export const OBJECT_MODIFIED =
  'the object has been modified; please apply your changes to the latest version and try again';

export function badRequest(message: string): ApiError {
  return new ApiError(failure(400, 'BadRequest', message));
}

export function forbidden(resource: Resource, name: string, why: string): ApiError {
  const what = name === '' ? qualifiedName(resource) : `${qualifiedName(resource)} "${name}"`;
  return new ApiError(failure(403, 'Forbidden', `${what} is forbidden: ${why}`, detailsFor(resource, name)));
}

export function methodNotSupported(resource: Resource, action: string): ApiError {
  return new ApiError(
    failure(
      405,
      'MethodNotAllowed',
      `${action} is not supported on resources of kind "${qualifiedName(resource)}"`,
      {
        ...(resource.group === '' ? {} : { group: resource.group }),
        kind: resource.plural,
      },
    ),
  );
}

/** The generic 404 for an API path that names no resource. */
export function pathNotFound(): ApiError {
  return new ApiError(failure(404, 'NotFound', 'the server could not find the requested resource', {}));
}

/** 410 Gone: a watch or list asked for a revision that compaction has removed. */
export function expired(message: string): ApiError {
  return new ApiError(failure(410, 'Expired', message));
}

export function tooLarge(limit: number): ApiError {
  return new ApiError(failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`));
}

export function unsupportedMediaType(): ApiError {
  return new ApiError(
    failure(
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    ),
  );
}

export function internalError(message: string): ApiError {
  return new ApiError(
    failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] }),
  );
}

/** A successful deletion with no object to return, as upstream answers some deletes. */
export function success(details?: Status['details']): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    ...(details === undefined ? {} : { details }),
  };
}

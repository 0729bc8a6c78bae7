/**
 * The Status client-go makes up when a failed response carries none (a plain-text
 * `404 page not found`, an empty body): errors.NewGenericServerResponse's reasons and
 * messages for each status code.
 */
import type { Status } from '../../sim/apiserver/types';

/** What a request is about: `pods "web"` in messages such as `(get pods web)`. */
export interface Target {
  readonly group: string;
  readonly resource: string;
  readonly name?: string;
}

/** The reason and default message for a status code. */
function reasonFor(code: number, method: string, serverMessage: string): [string, string] {
  switch (code) {
    case 409:
      return [method === 'POST' ? 'AlreadyExists' : 'Conflict', 'the server reported a conflict'];
    case 404:
      return ['NotFound', 'the server could not find the requested resource'];
    case 400:
      return ['BadRequest', 'the server rejected our request for an unknown reason'];
    case 401:
      return ['Unauthorized', 'the server has asked for the client to provide credentials'];
    case 403:
      return ['Forbidden', serverMessage];
    case 406:
      return [
        'NotAcceptable',
        serverMessage === '' || serverMessage === 'unknown'
          ? 'the server was unable to respond with a content type that the client supports'
          : serverMessage,
      ];
    case 415:
      return ['UnsupportedMediaType', serverMessage];
    case 405:
      return ['MethodNotAllowed', 'the server does not allow this method on the requested resource'];
    case 422:
      return ['Invalid', 'the server rejected our request due to an error in our request'];
    case 503:
      return ['ServiceUnavailable', 'the server is currently unable to handle the request'];
    case 504:
      return [
        'Timeout',
        'the server was unable to return a response in the time allotted, but may still be processing the request',
      ];
    case 429:
      return [
        'TooManyRequests',
        'the server has received too many requests and has asked us to try again later',
      ];
    default:
      if (code >= 500)
        return [
          'InternalError',
          `an error on the server (${JSON.stringify(serverMessage)}) has prevented the request from succeeding`,
        ];
      return ['', `the server responded with the status code ${code} but did not return more information`];
  }
}

/**
 * The Status for a failed response without one. `serverMessage` is the body when it was
 * text, else `unknown`.
 */
export function genericStatus(
  code: number,
  method: string,
  target: Target | undefined,
  serverMessage: string,
): Status {
  const [reason, base] = reasonFor(code, method, serverMessage);
  let message = base;
  if (target !== undefined) {
    const resource = target.group === '' ? target.resource : `${target.resource}.${target.group}`;
    const name = target.name ?? '';
    message = `${base} (${method.toLowerCase()} ${resource}${name === '' ? '' : ` ${name}`})`;
  }
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    ...(reason === '' ? {} : { reason }),
    details: {
      ...(target === undefined ? {} : { kind: target.resource, name: target.name ?? '' }),
      ...(target === undefined || target.group === '' ? {} : { group: target.group }),
      causes: [{ reason: 'UnexpectedServerResponse', message: serverMessage }],
    },
    code,
  };
}

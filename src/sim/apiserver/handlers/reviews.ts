/**
 * The review resources of authentication.k8s.io and authorization.k8s.io: create-only,
 * never stored, answered from the request's user. With the AlwaysAllow authorizer every
 * access review is allowed; RBAC replaces this answer when it arrives.
 */
import { decodeObjectBody } from '../codec';
import { apiVersionOf } from '../resources';
import type { Reply, RequestScope } from './scope';
import { asObject } from './write';

const REVIEWS = new Set([
  'selfsubjectaccessreviews',
  'subjectaccessreviews',
  'localsubjectaccessreviews',
  'selfsubjectrulesreviews',
  'selfsubjectreviews',
  'tokenreviews',
]);

/** Whether a resource is one of the review resources answered here. */
export function isReview(scope: RequestScope): boolean {
  return REVIEWS.has(scope.resource.plural) && scope.resource.group.endsWith('.k8s.io');
}

/** POST a review: echoes the request with its status filled in. */
export function createReview(scope: RequestScope): Reply {
  const review = asObject(scope.resource, decodeObjectBody(scope.req), scope.req.body ?? '');
  const user = scope.user;
  let status: object;
  switch (scope.resource.plural) {
    case 'selfsubjectrulesreviews':
      status = {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      };
      break;
    case 'selfsubjectreviews':
      status = { userInfo: { username: user.username, groups: [...user.groups] } };
      break;
    case 'tokenreviews':
      status = {
        authenticated: false,
        user: {},
        error: 'token lookup is not supported by this authenticator',
      };
      break;
    default:
      status = { allowed: true, reason: 'AlwaysAllow authorizer' };
  }
  scope.stage(`${scope.resource.kind}: ${JSON.stringify(status).slice(0, 80)}`);
  return {
    status: 201,
    body: {
      ...review,
      apiVersion: apiVersionOf(scope.resource),
      metadata: {
        ...review.metadata,
        ...(scope.resource.plural === 'selfsubjectreviews'
          ? { creationTimestamp: scope.kernel.clock.timestamp() }
          : {}),
      },
      status,
    },
  };
}

/**
 * POST `serviceaccounts/<name>/token` (TokenRequest, pkg/registry/core/serviceaccount's token
 * REST): issues a bound ServiceAccount token, a JWT signed RS256 by the apiserver's key. The
 * audiences default to the cluster's issuer, the lifetime to 3600 s (at least 10 minutes);
 * a token bound to a pod carries the pod (and its node) in its `kubernetes.io` claims, and
 * one asked for with the admission plugin's 3607 s is extended to a year with a `warnafter`
 * at the requested expiry, as `--service-account-extend-token-expiration` does. The key is
 * simulated: the signature is a hash of the header and claims, so the same run issues the
 * same tokens.
 */
import { newUid } from '../lifecycle';
import { decodeObjectBody } from '../codec';
import { utf8Bytes } from '../schema/gobase64';
import { findResource, type ResourceInfo } from '../resources';
import { ApiError } from '../status';
import { invalidStatus } from '../validation';
import { invalid } from '../validation/field';
import type { KubeObject } from '../types';
import { sha256 } from '../../node/kube-proxy/hash';
import type { Reply, RequestScope } from './scope';

/** kind's issuer, and the audience tokens get by default. */
export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const PODS = findResource('', 'v1', 'pods') as ResourceInfo;
const NODES = findResource('', 'v1', 'nodes') as ResourceInfo;
const EXTEND_ONLY_SECONDS = 3607;
const EXTENDED_SECONDS = 365 * 24 * 3600;

interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string };
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64url(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    const chars = [18, 12, 6, 0].map((s) => B64URL[(n >> s) & 63] ?? '');
    out += chars.slice(0, i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2).join('');
  }
  return out;
}

/** The simulated RSA signature: 256 bytes hashed from the signing input. */
function signature(input: string): string {
  const bytes: number[] = [];
  for (let i = 0; bytes.length < 256; i++) bytes.push(...sha256(`${i}:${input}`));
  return base64url(bytes.slice(0, 256));
}

/** The key id: the (simulated) public key's hash. */
const KEY_ID = base64url([...sha256('kubelab service account signing key')]);

function getOrNull(
  scope: RequestScope,
  resource: ResourceInfo,
  ns: string | null,
  name: string,
): KubeObject | null {
  try {
    return scope.storage.get(resource, ns, name, { causedBy: scope.step });
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return null;
    throw error;
  }
}

/** Issues a token for the ServiceAccount the request names. */
export function createToken(scope: RequestScope): Reply {
  const ns = scope.namespace ?? 'default';
  const account = scope.storage.get(scope.resource, ns, scope.name ?? '', { causedBy: scope.step });
  const body = decodeObjectBody(scope.req) as { spec?: TokenRequestSpec };
  const spec = body.spec ?? {};
  const seconds = spec.expirationSeconds ?? 3600;
  if (seconds < 600) {
    const error = invalid(
      'spec.expirationSeconds',
      seconds,
      'may not specify a duration less than 10 minutes',
    );
    throw new ApiError(invalidStatus({ group: 'authentication.k8s.io', kind: 'TokenRequest' }, '', [error]));
  }
  const audiences = spec.audiences !== undefined && spec.audiences.length > 0 ? spec.audiences : [ISSUER];
  const bound = spec.boundObjectRef;
  const claims: Record<string, unknown> = { namespace: ns };
  if (bound?.kind === 'Pod') {
    const pod = getOrNull(scope, PODS, ns, bound.name ?? '');
    if (pod === null || (bound.uid !== undefined && bound.uid !== pod.metadata.uid)) {
      throw new ApiError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `the UID in the bound object reference (${bound.uid ?? ''}) does not match the UID in record. The object might have been deleted and then recreated`,
        reason: 'Conflict',
        code: 409,
      });
    }
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
    const node = nodeName === '' ? null : getOrNull(scope, NODES, null, nodeName);
    if (node !== null) claims['node'] = { name: nodeName, uid: node.metadata.uid ?? '' };
    claims['pod'] = { name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' };
  }
  claims['serviceaccount'] = { name: account.metadata.name ?? '', uid: account.metadata.uid ?? '' };
  const now = Math.floor((scope.kernel.clock.epoch + scope.kernel.clock.now()) / 1000);
  const extended = seconds === EXTEND_ONLY_SECONDS;
  if (extended) claims['warnafter'] = now + seconds;
  const payload = {
    aud: audiences,
    exp: now + (extended ? EXTENDED_SECONDS : seconds),
    iat: now,
    iss: ISSUER,
    jti: newUid(scope.kernel),
    'kubernetes.io': claims,
    nbf: now,
    sub: `system:serviceaccount:${ns}:${account.metadata.name ?? ''}`,
  };
  const signing = `${base64url(utf8Bytes(JSON.stringify({ alg: 'RS256', kid: KEY_ID })))}.${base64url(utf8Bytes(JSON.stringify(payload)))}`;
  const token = `${signing}.${signature(signing)}`;
  scope.stage(`token: issued for serviceaccount ${ns}/${account.metadata.name ?? ''}`, {
    audiences: audiences.join(','),
    expirationSeconds: seconds,
  });
  return {
    status: 201,
    body: {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name: account.metadata.name, namespace: ns, creationTimestamp: null },
      spec: { ...spec, audiences, expirationSeconds: seconds },
      status: {
        token,
        expirationTimestamp: new Date((now + seconds) * 1000).toISOString().replace('.000Z', 'Z'),
      },
    },
  };
}

/**
 * The kubelet's token manager (pkg/kubelet/token): ServiceAccount tokens for projected
 * volumes, requested through TokenRequest (POST `serviceaccounts/<name>/token`, bound to the
 * pod) and cached per pod, ServiceAccount, audience and lifetime until 80% of the lifetime
 * has passed, when the next remount asks for a fresh one.
 */
import { findResource, type ResourceInfo } from '../../../apiserver/resources';
import { ApiError } from '../../../apiserver/status';
import { resourcePath, type ApiClient } from '../../../client/rest';
import type { Kernel } from '../../../kernel/kernel';
import type { PodObject } from '../context';

const SERVICE_ACCOUNTS = findResource('', 'v1', 'serviceaccounts') as ResourceInfo;
/** Refresh once this much of a token's lifetime has passed. */
const REFRESH_FRACTION = 0.8;

interface Cached {
  readonly token: string;
  readonly refreshAt: number;
}

export class TokenManager {
  readonly #cache = new Map<string, Cached>();

  constructor(
    private readonly kernel: Kernel,
    private readonly client: ApiClient,
  ) {}

  /** A token for `pod`'s ServiceAccount; throws `failed to fetch token: ...`. */
  token(
    pod: PodObject,
    audience: string | undefined,
    expirationSeconds: number,
    cause: number | null,
  ): string {
    const { namespace = 'default', name = '', uid = '' } = pod.metadata;
    const account = pod.spec?.serviceAccountName ?? 'default';
    const key = `${uid}/${account}/${audience ?? ''}/${expirationSeconds}`;
    const now = this.kernel.clock.now();
    const cached = this.#cache.get(key);
    if (cached !== undefined && now < cached.refreshAt) return cached.token;
    const body = {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: {
        ...(audience === undefined ? {} : { audiences: [audience] }),
        expirationSeconds,
        boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name, uid },
      },
    };
    try {
      const response = this.client.request(
        'POST',
        resourcePath(SERVICE_ACCOUNTS, namespace, account, 'token'),
        {
          body,
          causedBy: cause,
        },
      );
      const token =
        ('body' in response ? (response.body as { status?: { token?: string } }) : {}).status?.token ?? '';
      this.#cache.set(key, { token, refreshAt: now + expirationSeconds * 1000 * REFRESH_FRACTION });
      return token;
    } catch (error) {
      if (error instanceof ApiError)
        throw new Error(`failed to fetch token: ${error.message}`, { cause: error });
      throw error;
    }
  }

  /** Drops the tokens of a pod that is gone. */
  forget(podUid: string): void {
    for (const key of [...this.#cache.keys()]) if (key.startsWith(`${podUid}/`)) this.#cache.delete(key);
  }
}

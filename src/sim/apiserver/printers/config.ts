/** ConfigMaps, Secrets, ServiceAccounts and ResourceQuotas. */
import type { ConfigMap, ResourceQuota, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { AGE_COLUMN, NAME_COLUMN, column, printer } from './columns';
import { since } from './duration';
import { compareStrings } from './format';
import { formatQuantity } from './quantity';

function count(map: object | undefined): number {
  return map ? Object.keys(map).length : 0;
}

/** `kubectl get configmaps`: DATA counts data and binaryData keys. */
export const configMapPrinter = printer<ConfigMap>(
  [NAME_COLUMN, column('Data', 'string', 'Number of keys.'), AGE_COLUMN],
  (cm, now) => [
    cm.metadata?.name ?? '',
    count(cm.data) + count(cm.binaryData),
    since(cm.metadata?.creationTimestamp, now),
  ],
);

/** `kubectl get secrets`. */
export const secretPrinter = printer<Secret>(
  [
    NAME_COLUMN,
    column('Type', 'string', 'The kind of secret, which fixes the keys it must hold.'),
    column('Data', 'string', 'Number of keys.'),
    AGE_COLUMN,
  ],
  (s, now) => [
    s.metadata?.name ?? '',
    s.type ?? '',
    count(s.data),
    since(s.metadata?.creationTimestamp, now),
  ],
);

/** `kubectl get serviceaccounts`. */
export const serviceAccountPrinter = printer<ServiceAccount>(
  [NAME_COLUMN, column('Secrets', 'string', 'Number of secrets listed on the account.'), AGE_COLUMN],
  (sa, now) => [sa.metadata?.name ?? '', sa.secrets?.length ?? 0, since(sa.metadata?.creationTimestamp, now)],
);

/**
 * `kubectl get resourcequotas`: `resource: used/hard` for each hard limit in
 * status, sorted by name; `limits.*` resources go to LIMIT, the rest to REQUEST.
 */
export const resourceQuotaPrinter = printer<ResourceQuota>(
  [
    NAME_COLUMN,
    column('Request', 'string', 'Usage against the quota’s non-limit resources.'),
    column('Limit', 'string', 'Usage against the quota’s limits.* resources.'),
    AGE_COLUMN,
  ],
  (rq, now) => {
    const hard = rq.status?.hard ?? {};
    const used = rq.status?.used ?? {};
    const requests: string[] = [];
    const limits: string[] = [];
    for (const name of Object.keys(hard).sort(compareStrings)) {
      const entry = `${name}: ${formatQuantity(used[name])}/${formatQuantity(hard[name])}`;
      const pieces = name.split('.');
      (pieces.length > 1 && pieces[0] === 'limits' ? limits : requests).push(entry);
    }
    return [
      rq.metadata?.name ?? '',
      requests.join(', '),
      limits.join(', '),
      since(rq.metadata?.creationTimestamp, now),
    ];
  },
);

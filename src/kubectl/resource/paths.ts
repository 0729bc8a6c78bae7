/** REST paths of resources: `/api/v1/namespaces/<ns>/pods/<name>`, `/apis/apps/v1/deployments`. */
import type { Mapping } from '../client/restmapper';

/**
 * The path of a resource collection, or of one object with `name` (and a subresource).
 * `namespace` is ignored for cluster-scoped resources; '' means all namespaces.
 */
export function resourcePath(mapping: Mapping, namespace = '', name?: string, subresource?: string): string {
  const prefix =
    mapping.group === '' ? `/api/${mapping.version}` : `/apis/${mapping.group}/${mapping.version}`;
  const scope = mapping.namespaced && namespace !== '' ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const object = name === undefined ? '' : `/${encodeURIComponent(name)}`;
  return `${prefix}${scope}/${mapping.name}${object}${subresource === undefined ? '' : `/${subresource}`}`;
}

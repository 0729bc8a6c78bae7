/**
 * DefaultBinder: binds the pod by POSTing a Binding to `pods/<name>/binding`.
 */
import { findResource, type ResourceInfo } from '../../../apiserver/resources';
import { resourcePath } from '../../../client/rest';
import type { Handle, Plugin } from '../../framework/interface';
import { Status } from '../../framework/status';

export const NAME = 'DefaultBinder';
const PODS = findResource('', 'v1', 'pods') as ResourceInfo;

/** The DefaultBinder plugin. */
export function defaultBinder(handle: Handle): Plugin {
  return {
    name: NAME,
    bind(_state, pod, nodeName, causedBy) {
      const namespace = pod.metadata?.namespace ?? 'default';
      const name = pod.metadata?.name ?? '';
      const binding = {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { namespace, name, ...(pod.metadata?.uid === undefined ? {} : { uid: pod.metadata.uid }) },
        target: { kind: 'Node', name: nodeName },
      };
      try {
        handle.client.request('POST', resourcePath(PODS, namespace, name, 'binding'), {
          body: binding,
          causedBy,
        });
        return null;
      } catch (error) {
        return Status.error(error);
      }
    },
  };
}

/**
 * What the API-data volume plugins write (upstream's MakePayload and CollectData): a
 * configMap's or secret's keys as files (or only `items`, each at its path), downwardAPI
 * fields and resources, and projected volumes that combine those with a ServiceAccount
 * token. Modes come from the item, else the volume's `defaultMode` (0644 by default). A
 * missing object or key fails the mount unless the source is optional; a projected volume
 * collects every failure of its sources.
 */
import type {
  ConfigMapProjection,
  DownwardAPIVolumeFile,
  KeyToPath,
  SecretProjection,
  Volume,
} from 'kubernetes-types/core/v1';
import type { PodObject } from '../context';
import { fieldRefValue, resourceFieldValue, type PodPlacement } from '../env/field-ref';
import { ObjectNotFound, secretText, type ObjectSource } from '../objects';
import type { FileProjection, Payload } from './atomic-writer';

/** The default file mode of API-data volumes (420). */
export const DEFAULT_MODE = 0o644;

/** What building a payload reads. */
export interface PayloadSources {
  readonly objects: ObjectSource;
  readonly placement: PodPlacement;
  /** A ServiceAccount token for the pod (TokenRequest through the kubelet's token manager). */
  token(audience: string | undefined, expirationSeconds: number, cause: number | null): string;
}

type Data = Readonly<Record<string, string>>;

/** Keys to files: all of them, or just `items`; null when the object is missing and optional. */
function keysToFiles(
  data: Data | null,
  items: readonly KeyToPath[] | undefined,
  mode: number,
  optional: boolean,
  missingKey: (key: string) => string,
): [string, FileProjection][] {
  if (data === null) return [];
  if (items === undefined || items.length === 0)
    return Object.entries(data).map(([k, content]) => [k, { content, mode }]);
  const out: [string, FileProjection][] = [];
  for (const item of items) {
    const content = data[item.key];
    if (content === undefined) {
      if (optional) continue;
      throw new Error(missingKey(item.key));
    }
    out.push([item.path, { content, mode: item.mode ?? mode }]);
  }
  return out;
}

function load(get: () => Data, optional: boolean): Data | null {
  try {
    return get();
  } catch (error) {
    if (error instanceof ObjectNotFound && optional) return null;
    throw error;
  }
}

function configMapFiles(
  ns: string,
  source: ConfigMapProjection,
  mode: number,
  sources: PayloadSources,
  cause: number | null,
) {
  const optional = source.optional === true;
  const name = source.name ?? '';
  const data = load(() => {
    const cm = sources.objects.configMap(ns, name, cause);
    return { ...cm.binaryData, ...cm.data };
  }, optional);
  return keysToFiles(
    data,
    source.items,
    mode,
    optional,
    (k) => `configmap references non-existent config key: ${k}`,
  );
}

function secretFiles(
  ns: string,
  source: SecretProjection,
  mode: number,
  sources: PayloadSources,
  cause: number | null,
) {
  const optional = source.optional === true;
  const name = source.name ?? '';
  const data = load(() => {
    return secretText(sources.objects.secret(ns, name, cause));
  }, optional);
  return keysToFiles(data, source.items, mode, optional, (k) => `references non-existent secret key: ${k}`);
}

function downwardFiles(
  pod: PodObject,
  items: readonly DownwardAPIVolumeFile[],
  mode: number,
  sources: PayloadSources,
): [string, FileProjection][] {
  return items.map((item) => {
    let content = '';
    if (item.fieldRef !== undefined) content = fieldRefValue(item.fieldRef, pod, sources.placement);
    else if (item.resourceFieldRef !== undefined) {
      const wanted = item.resourceFieldRef.containerName;
      const container = (pod.spec?.containers ?? []).find((c) => wanted === undefined || c.name === wanted);
      if (container === undefined) throw new Error(`container ${wanted ?? ''} not found`);
      content = resourceFieldValue(item.resourceFieldRef, container, sources.placement.allocatable);
    }
    return [item.path, { content, mode: item.mode ?? mode }];
  });
}

/** The payload of an API-data volume of `pod`; throws with the plugin's message. */
export function makePayload(
  pod: PodObject,
  volume: Volume,
  sources: PayloadSources,
  cause: number | null,
): Payload {
  const ns = pod.metadata.namespace ?? 'default';
  if (volume.configMap !== undefined) {
    const mode = volume.configMap.defaultMode ?? DEFAULT_MODE;
    return new Map(configMapFiles(ns, volume.configMap, mode, sources, cause));
  }
  if (volume.secret !== undefined) {
    const mode = volume.secret.defaultMode ?? DEFAULT_MODE;
    const source = { ...volume.secret, name: volume.secret.secretName ?? '' };
    return new Map(secretFiles(ns, source, mode, sources, cause));
  }
  if (volume.downwardAPI !== undefined) {
    const mode = volume.downwardAPI.defaultMode ?? DEFAULT_MODE;
    return new Map(downwardFiles(pod, volume.downwardAPI.items ?? [], mode, sources));
  }
  const projected = volume.projected;
  const mode = projected?.defaultMode ?? DEFAULT_MODE;
  const files: [string, FileProjection][] = [];
  const errors: string[] = [];
  for (const source of projected?.sources ?? []) {
    try {
      if (source.configMap !== undefined)
        files.push(...configMapFiles(ns, source.configMap, mode, sources, cause));
      else if (source.secret !== undefined)
        files.push(...secretFiles(ns, source.secret, mode, sources, cause));
      else if (source.downwardAPI !== undefined)
        files.push(...downwardFiles(pod, source.downwardAPI.items ?? [], mode, sources));
      else if (source.serviceAccountToken !== undefined) {
        const tp = source.serviceAccountToken;
        const token = sources.token(tp.audience, tp.expirationSeconds ?? 3600, cause);
        files.push([tp.path, { content: token, mode }]);
      }
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (errors.length === 1) throw new Error(errors[0]);
  if (errors.length > 1) throw new Error(`[${errors.join(', ')}]`);
  return new Map(files);
}

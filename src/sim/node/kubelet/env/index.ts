/**
 * A container's environment (upstream's makeEnvironmentVariables): `envFrom` sources first
 * (ConfigMaps and Secrets, each key with the source's prefix; keys that are not valid
 * variable names are skipped with an InvalidEnvironmentVariableNames event), then `env` in
 * declaration order, each a value with `$(VAR)` references expanded or a `valueFrom`
 * (fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef; optional refs that are missing
 * are left out), then the Service variables the container does not set itself. A required
 * source that is missing fails the container with CreateContainerConfigError and upstream's
 * message. Upstream builds the list from Go maps, so its order varies between runs; here it
 * is the declaration order, Service variables last.
 */
import type { Container, Service } from 'kubernetes-types/core/v1';
import { isEnvVarName } from '../../../apiserver/validation/names';
import type { PodObject } from '../context';
import { ObjectNotFound, secretText, type ConfigMapObject, type ObjectSource } from '../objects';
import { expand, mappingFor } from './expansion';
import { fieldRefValue, resourceFieldValue, type PodPlacement } from './field-ref';
import { serviceEnv } from './services';

/** Why a container's configuration could not be generated (CreateContainerConfigError). */
export class ContainerConfigError extends Error {}

/** What building the environment reads, and where it reports skipped keys. */
export interface EnvSources {
  readonly objects: ObjectSource;
  readonly services: readonly Service[];
  readonly placement: PodPlacement;
  /** Records a Warning event on the pod. */
  warn(reason: string, message: string): void;
}

/** The data of a ConfigMap or Secret as text, by key. */
const configMapData = (cm: ConfigMapObject): Record<string, string> => ({ ...cm.data });

/** The variables of `container`, in order. Throws {@link ContainerConfigError}. */
export function makeEnvironment(
  pod: PodObject,
  container: Container,
  sources: EnvSources,
  cause: number | null,
): [string, string][] {
  const ns = pod.metadata.namespace ?? 'default';
  const services = serviceEnv(sources.services, ns, pod.spec?.enableServiceLinks !== false);
  const env = new Map<string, string>();
  const configMaps = new Map<string, Record<string, string> | null>();
  const secrets = new Map<string, Record<string, string> | null>();
  /** The source's data, or null when it is missing and optional. */
  const load = (kind: 'configMap' | 'secret', name: string, optional: boolean) => {
    const cache = kind === 'configMap' ? configMaps : secrets;
    if (!cache.has(name)) {
      try {
        cache.set(
          name,
          kind === 'configMap'
            ? configMapData(sources.objects.configMap(ns, name, cause))
            : secretText(sources.objects.secret(ns, name, cause)),
        );
      } catch (error) {
        if (!(error instanceof ObjectNotFound)) throw error;
        if (!optional) throw new ContainerConfigError(error.message);
        return null;
      }
    }
    return cache.get(name) ?? null;
  };

  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const kind = from.configMapRef !== undefined ? 'configMap' : 'secret';
    if (ref === undefined) continue;
    const data = load(kind, ref.name ?? '', ref.optional === true);
    if (data === null) continue;
    const invalid: string[] = [];
    for (const [key, value] of Object.entries(data)) {
      const name = `${from.prefix ?? ''}${key}`;
      if (isEnvVarName(name).length > 0) invalid.push(name);
      else env.set(name, value);
    }
    if (invalid.length > 0) {
      const what = kind === 'configMap' ? 'configMap' : 'secret';
      sources.warn(
        'InvalidEnvironmentVariableNames',
        `Keys [${invalid.sort().join(', ')}] from the EnvFrom ${what} ${ns}/${ref.name ?? ''} were skipped since they are considered invalid environment variable names.`,
      );
    }
  }

  const mapping = mappingFor(env, services);
  for (const v of container.env ?? []) {
    const value = valueOf(v, pod, container, sources, load, mapping, ns);
    if (value !== undefined) env.set(v.name, value);
  }
  for (const [k, v] of services) if (!env.has(k)) env.set(k, v);
  return [...env];
}

type Loader = (
  kind: 'configMap' | 'secret',
  name: string,
  optional: boolean,
) => Record<string, string> | null;

/** One `env` entry's value; undefined when an optional source is missing. */
function valueOf(
  v: NonNullable<Container['env']>[number],
  pod: PodObject,
  container: Container,
  sources: EnvSources,
  load: Loader,
  mapping: ReturnType<typeof mappingFor>,
  ns: string,
): string | undefined {
  const from = v.valueFrom;
  if ((v.value ?? '') !== '' || from === undefined) return expand(v.value ?? '', mapping);
  if (from.fieldRef !== undefined) return fieldRefValue(from.fieldRef, pod, sources.placement);
  if (from.resourceFieldRef !== undefined)
    return resourceFieldValue(from.resourceFieldRef, container, sources.placement.allocatable);
  const ref = from.configMapKeyRef ?? from.secretKeyRef;
  if (ref === undefined) return '';
  const kind = from.configMapKeyRef !== undefined ? 'configMap' : 'secret';
  const optional = ref.optional === true;
  const data = load(kind, ref.name ?? '', optional);
  if (data === null) return undefined;
  const value = data[ref.key];
  if (value !== undefined) return value;
  if (optional) return undefined;
  const what = kind === 'configMap' ? 'ConfigMap' : 'Secret';
  throw new ContainerConfigError(`couldn't find key ${ref.key} in ${what} ${ns}/${ref.name ?? ''}`);
}

/**
 * Hand-written patch schemas for the tests of this folder, mirroring the patch metadata of
 * real Kubernetes v1.32 types (the Go struct tags `patchStrategy` / `patchMergeKey` and the
 * list types the OpenAPI document publishes). Only the fields the tests touch are described.
 */

import type { PatchSchema } from './schema';

/** A compact description of a schema node, turned into a PatchSchema by {@link fixture}. */
export interface SchemaDef {
  readonly props?: Readonly<Record<string, SchemaDef>>;
  readonly additional?: SchemaDef;
  readonly items?: SchemaDef;
  readonly strategy?: string;
  readonly mergeKey?: string;
  readonly listType?: 'atomic' | 'set' | 'map';
  readonly listMapKeys?: readonly string[];
}

/** Builds a PatchSchema from a SchemaDef. */
export function fixture(def: SchemaDef): PatchSchema {
  return {
    property(name: string) {
      const prop =
        def.props && Object.prototype.hasOwnProperty.call(def.props, name) ? def.props[name] : undefined;
      const child = prop ?? def.additional;
      return child && fixture(child);
    },
    items() {
      return def.items && fixture(def.items);
    },
    ...(def.strategy !== undefined && { patchStrategy: def.strategy }),
    ...(def.mergeKey !== undefined && { patchMergeKey: def.mergeKey }),
    ...(def.listType !== undefined && { listType: def.listType }),
    ...(def.listMapKeys !== undefined && { listMapKeys: def.listMapKeys }),
  };
}

const stringMap: SchemaDef = { additional: {} };

/** A list of objects merged by `key` (`+listType=map`, `patchStrategy:"merge"`). */
const mapList = (key: string, items: SchemaDef = {}, keys: readonly string[] = [key]): SchemaDef => ({
  strategy: 'merge',
  mergeKey: key,
  listType: 'map',
  listMapKeys: keys,
  items,
});

const atomicList: SchemaDef = { listType: 'atomic', items: {} };

const objectMeta: SchemaDef = {
  props: {
    labels: stringMap,
    annotations: stringMap,
    finalizers: { strategy: 'merge', listType: 'set', items: {} },
    ownerReferences: mapList('uid'),
  },
};

const container: SchemaDef = {
  props: {
    args: atomicList,
    command: atomicList,
    env: mapList('name'),
    ports: mapList('containerPort', {}, ['containerPort', 'protocol']),
    volumeMounts: mapList('mountPath'),
    resources: { props: { limits: stringMap, requests: stringMap } },
  },
};

const podSpec: SchemaDef = {
  props: {
    containers: mapList('name', container),
    initContainers: mapList('name', container),
    volumes: { ...mapList('name'), strategy: 'merge,retainKeys' },
    tolerations: atomicList,
    nodeSelector: stringMap,
    imagePullSecrets: { strategy: 'merge', mergeKey: 'name', items: {} },
  },
};

/** core/v1 Pod. */
export const POD = fixture({ props: { metadata: objectMeta, spec: podSpec } });

/** apps/v1 Deployment (its `spec.strategy` has `patchStrategy:"retainKeys"`). */
export const DEPLOYMENT = fixture({
  props: {
    metadata: objectMeta,
    spec: {
      props: {
        selector: { props: { matchLabels: stringMap } },
        strategy: { strategy: 'retainKeys', props: { rollingUpdate: {} } },
        template: { props: { metadata: objectMeta, spec: podSpec } },
      },
    },
  },
});

/** core/v1 Service (ports merge by `port`, listed by port and protocol). */
export const SERVICE = fixture({
  props: {
    metadata: objectMeta,
    spec: { props: { ports: mapList('port', {}, ['port', 'protocol']), selector: stringMap } },
  },
});

/**
 * Test helpers: objects the way validation sees them (defaulted and prepared by the
 * registry), and the formatted messages of a validation run.
 */
import { Kernel } from '../../kernel/kernel';
import { applyDefaults } from '../defaults';
import { prepareForCreate, prepareForUpdate } from '../lifecycle';
import type { ResourceInfo } from '../resources';
import { RESOURCES } from '../resources';
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { formatFieldError } from './field';
import { validateCreate, validateUpdate } from './index';

/** The served resource of a kind (the first version served). */
export function resourceOf(kind: string, group?: string): ResourceInfo {
  const r = RESOURCES.find((x) => x.kind === kind && (group === undefined || x.group === group));
  if (!r) throw new Error(`no resource for ${kind}`);
  return r;
}

/** `obj` after defaulting and the registry's create preparation (in its own namespace, or default). */
export function prepared(obj: object): KubeObject {
  const o = obj as KubeObject;
  const namespace = o.metadata.namespace || 'default';
  const r = resourceOf(o.kind, o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '');
  const kernel = new Kernel({ seed: 1, epoch: 0 });
  return prepareForCreate(kernel, r, applyDefaults(r, o), r.namespaced ? namespace : null);
}

/** The formatted messages of creating `obj` (defaulted and prepared first). */
export function createErrors(obj: object): string[] {
  const o = prepared(obj);
  return validateCreate(resourceOf(o.kind, groupOf(o)), o).map(formatFieldError);
}

/**
 * The formatted messages of updating `old` (prepared, keeping any status it was given, as
 * if controllers had set it) to `next` (defaulted), deduplicated.
 */
export function updateErrors(old: object, next: object): string[] {
  const base = prepared(old);
  const status = (old as { status?: unknown }).status;
  const before: KubeObject = {
    ...base,
    ...(status === undefined ? {} : { status }),
    metadata: { ...base.metadata, resourceVersion: '7' },
  };
  const r = resourceOf(before.kind, groupOf(before));
  const after = prepareForUpdate(r, applyDefaults(r, next as KubeObject), before, null);
  return [...new Set(validateUpdate(r, after, before).map(formatFieldError))];
}

function groupOf(o: KubeObject): string {
  return o.apiVersion.includes('/') ? (o.apiVersion.split('/')[0] ?? '') : '';
}

/** A decoded JSON value tests edit freely (deep property access without casts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test fixtures are untyped JSON
export type Json = any;

/** Formats a list of field errors. */
export function messages(errors: readonly FieldError[]): string[] {
  return errors.map(formatFieldError);
}

/** A deep copy with `edit` applied. */
export function edited<T>(obj: T, edit: (copy: T) => void): T {
  const copy = JSON.parse(JSON.stringify(obj)) as T;
  edit(copy);
  return copy;
}

/** A minimal valid pod. */
export const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
};

/** A minimal valid deployment. */
export const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
    },
  },
};

/**
 * Applying one object, as `kubectl apply` does for each object it read: client-side (the
 * object is created with the last-applied annotation when missing, otherwise patched with
 * the three-way patch from its last applied configuration), or server-side (an apply patch
 * the server merges, owning fields for the field manager).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { RestClient } from '../client/rest';
import { StatusError, hasReason } from '../errors';
import { infoString, type ObjectInfo } from '../input/objects';
import type { DryRun } from '../mutate/dry-run';
import { withSource } from '../mutate/files';
import { createObject, getObject, patchObject } from '../mutate/requests';
import { goJson } from '../printers/gofmt';
import {
  hasApplyAnnotation,
  modifiedConfiguration,
  originalConfiguration,
  pruneNulls,
  withApplyAnnotation,
  LAST_APPLIED,
} from './annotation';
import { threeWayMergePatch } from './mergepatch';
import type { PatchPlans } from './openapi';
import { threeWayStrategicPatch, type JsonMap } from './strategic';

/** What applying one object needs. */
export interface ApplyContext {
  readonly client: RestClient;
  readonly plans: PatchPlans;
  readonly dryRun: DryRun;
  readonly fieldManager: string;
  readonly fieldValidation: string;
  /** Writes warnings to stderr. */
  readonly warn: (text: string) => void;
}

/** What happened to an object, and the object to print. */
export interface Applied {
  readonly operation: 'created' | 'configured' | 'unchanged' | 'serverside-applied';
  readonly object: KubeObject;
}

/** How many times a patch is retried after a conflict (kubectl's maxPatchRetry). */
const MAX_PATCH_RETRIES = 5;

/** The patch from `current` to the object read, and its content type. */
async function computePatch(apply: ApplyContext, info: ObjectInfo, modified: string, current: KubeObject) {
  const plan = await apply.plans.planFor(info.mapping);
  const original = originalConfiguration(current);
  const target = JSON.parse(modified) as JsonMap;
  const live = current as unknown as JsonMap;
  if (plan.type === 'merge') {
    for (const key of ['apiVersion', 'kind'])
      if (key in original && original[key] !== target[key])
        throw new Error('At least one of apiVersion, kind and name was changed');
    return { type: 'merge' as const, patch: threeWayMergePatch(original, target, live) };
  }
  return { type: 'strategic' as const, patch: threeWayStrategicPatch(original, target, live, plan.schema) };
}

/** Client-side apply of one object. */
export async function applyClientSide(apply: ApplyContext, info: ObjectInfo): Promise<Applied> {
  const { client } = apply;
  const { mapping } = info;
  const generateName = (info.object.metadata as { generateName?: unknown } | undefined)?.generateName;
  if (info.name === '' && typeof generateName === 'string' && generateName !== '')
    throw new Error(`from ${generateName}: cannot use generate name with apply`);
  const modified = modifiedConfiguration(info.object, true);
  const query = {
    fieldManager: apply.fieldManager,
    fieldValidation: apply.fieldValidation,
    dryRun: apply.dryRun === 'server',
  };
  let current: KubeObject;
  try {
    current = await getObject(client, mapping, info.namespace, info.name);
  } catch (error) {
    if (!hasReason(error, 'NotFound'))
      throw withSource(
        `retrieving current configuration of:\n${infoString(info)}\nfrom server for:`,
        info.source,
        error,
      );
    const object = pruneNulls(withApplyAnnotation(info.object));
    if (apply.dryRun === 'client') return { operation: 'created', object };
    try {
      return {
        operation: 'created',
        object: await createObject(client, mapping, info.namespace, object, query),
      };
    } catch (createError) {
      throw withSource('creating', info.source, createError);
    }
  }
  // kubectl's info.Get() replaced the object read with the live one: that is what prints.
  if (apply.dryRun === 'client') return { operation: 'configured', object: current };
  if (!hasApplyAnnotation(current))
    apply.warn(
      `Warning: resource ${mapping.name}/${info.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  let patchText = '';
  for (let attempt = 0; ; attempt++) {
    try {
      const { type, patch } = await computePatch(apply, info, modified, current);
      patchText = goJson(patch);
      if (patchText === '{}') return { operation: 'unchanged', object: current };
      const object = await patchObject(client, mapping, info.namespace, info.name, type, patchText, query);
      return { operation: 'configured', object };
    } catch (error) {
      if (hasReason(error, 'Conflict') && attempt < MAX_PATCH_RETRIES) {
        current = await getObject(client, mapping, info.namespace, info.name);
        continue;
      }
      const sourced = withSource('patching', info.source, error);
      throw withSource(`applying patch:\n${patchText}\nto:\n${infoString(info)}\nfor:`, info.source, sourced);
    }
  }
}

/** The advice kubectl adds to a server-side apply conflict. */
const CONFLICT_ADVICE = `
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/** Server-side apply of one object (`--server-side`). */
export async function applyServerSide(
  apply: ApplyContext,
  info: ObjectInfo,
  options: { readonly force: boolean; readonly subresource: string },
): Promise<Applied> {
  try {
    const object = await patchObject(
      apply.client,
      info.mapping,
      info.namespace,
      info.name,
      'apply',
      goJson(info.object),
      {
        fieldManager: apply.fieldManager,
        fieldValidation: apply.fieldValidation,
        dryRun: apply.dryRun === 'server',
        force: options.force,
      },
      options.subresource,
    );
    return { operation: 'serverside-applied', object };
  } catch (error) {
    if (error instanceof StatusError && error.code === 415)
      throw new Error(`Server-side apply not available on the server: (${error.message})`, { cause: error });
    if (hasReason(error, 'Conflict'))
      throw new Error(`${(error as StatusError).message}${CONFLICT_ADVICE}`, { cause: error });
    throw error;
  }
}

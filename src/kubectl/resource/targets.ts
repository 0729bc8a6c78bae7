/**
 * The objects a changing command (delete, label, annotate, scale, patch, rollout, set)
 * acts on, as the resource builder finds them: from `-f` files, or from `TYPE NAME...`,
 * `TYPE/NAME...` and `TYPE -l selector` / `--all` arguments (lists fetched from the
 * server). With `latest`, each object is fetched fresh (the builder's Latest()).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Mapping } from '../client/restmapper';
import type { CommandContext } from '../cmd/types';
import { readObjects } from '../input/objects';
import { getObject } from '../mutate/requests';
import { MISSING_RESOURCE, planVisits } from './args';
import { fetchVisits } from './fetch';
import { resourcePath } from './paths';

/** One object to act on. */
export interface Target {
  /** The file it was named in ('' for arguments). */
  readonly source: string;
  readonly mapping: Mapping;
  readonly namespace: string;
  readonly name: string;
  /** The object, when it was read or fetched. */
  readonly object?: KubeObject;
}

/** How to find the targets. */
export interface TargetOptions {
  /** The positional arguments naming the objects (by default the run's). */
  readonly args?: readonly string[];
  /** `-l` (trimmed); '' for none. */
  readonly selector: string;
  /** `--field-selector`; '' for none. */
  readonly fieldSelector?: string;
  /** `--all`: every object of the types named. */
  readonly all: boolean;
  /** `-A`: lists span all namespaces. */
  readonly allNamespaces?: boolean;
  /** Fetch every object (named ones too) from the server. */
  readonly latest: boolean;
  /** A type without names lists every object of it (the rollout commands). */
  readonly allowTypeOnly?: boolean;
  /** Fetch this subresource of named objects (`status`, `scale`) instead of the object. */
  readonly subresource?: string;
}

/**
 * What was found, and the errors met (a missing object, a failed list); `lateErrors` are
 * reported after the command's own errors (the files' decoding errors).
 */
export interface Targets {
  readonly targets: Target[];
  readonly errors: unknown[];
  readonly lateErrors: unknown[];
  /** One object was named (`pod web`, `pod/web`, one file): the builder's singleItemImplied. */
  readonly single: boolean;
}

const NO_NAME = 'resource(s) were provided, but no name was specified';

/** Finds the targets of `-f` or the arguments. Throws for arguments the builder rejects. */
export async function findTargets(ctx: CommandContext, options: TargetOptions): Promise<Targets> {
  const filenames = ctx.flags.strings('filename');
  const args = options.args ?? ctx.args;
  const { namespace, explicit } = ctx.namespace();
  const errors: unknown[] = [];
  if (filenames.length > 0) {
    if (args.length > 0)
      throw new Error(
        'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
      );
    const read = await readObjects(ctx, {
      filenames,
      namespace,
      enforceNamespace: explicit,
      validate: false,
    });
    errors.push(...read.mismatches);
    const targets: Target[] = [];
    for (const info of read.infos) {
      if (!options.latest) {
        targets.push(info);
        continue;
      }
      try {
        const object = await getObject(ctx.client(), info.mapping, info.namespace, info.name);
        targets.push({ ...info, object });
      } catch (error) {
        errors.push(error);
      }
    }
    return {
      targets,
      errors,
      lateErrors: read.lateErrors,
      single: filenames.length === 1 && filenames[0] !== '-',
    };
  }
  if (args.length === 0) throw new Error(MISSING_RESOURCE);
  const allNamespaces = options.allNamespaces ?? false;
  const selecting = options.selector !== '' || (options.fieldSelector ?? '') !== '' || options.all;
  const plan = await planVisits(args, ctx.mapper(), {
    namespace: allNamespaces ? '' : namespace,
    allNamespaces,
    selector: selecting,
  });
  if (!selecting && options.allowTypeOnly !== true && plan.visits.some((v) => v.type === 'list'))
    throw new Error(NO_NAME);
  const targets: Target[] = [];
  for (const visit of plan.visits) {
    if (visit.type === 'get' && (!options.latest || (options.subresource ?? '') !== '')) {
      const target = { source: '', mapping: visit.mapping, namespace: visit.namespace, name: visit.name };
      if (!options.latest) targets.push(target);
      else
        try {
          const object = await ctx.client().json<KubeObject>({
            path: resourcePath(visit.mapping, visit.namespace, visit.name, options.subresource),
            target: { group: visit.mapping.group, resource: visit.mapping.name, name: visit.name },
          });
          targets.push({ ...target, object });
        } catch (error) {
          errors.push(error);
        }
      continue;
    }
    const { infos, errors: failed } = await fetchVisits(ctx.client(), [visit], {
      table: false,
      labelSelector: options.selector,
      fieldSelector: options.fieldSelector ?? '',
      chunkSize: 500,
      includeObject: false,
      continueOnError: true,
    });
    errors.push(...failed);
    for (const info of infos)
      targets.push({
        source: '',
        mapping: info.mapping,
        namespace: info.mapping.namespaced ? (info.object.metadata?.namespace ?? '') : '',
        name: info.object.metadata?.name ?? '',
        object: info.object,
      });
  }
  return { targets, errors, lateErrors: [], single: plan.singleItemImplied };
}

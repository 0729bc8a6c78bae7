/**
 * What every `kubectl create <kind>` generator shares (CreateSubcommandOptions): one NAME
 * argument, the printing, `--dry-run`, `--save-config`, `--field-manager` and `--validate`
 * flags, and the run itself: build the object, POST it unless `--dry-run=client`, print it
 * (`deployment.apps/web created`). Typed clients report failures as `failed to create
 * <kind>: <message>`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Mapping } from '../client/restmapper';
import type { CommandContext } from '../cmd/types';
import { StatusError, UsageError } from '../errors';
import { flag, type FlagSpec } from '../flags/flags';
import { LAST_APPLIED } from '../apply/annotation';
import { DRY_RUN_FLAG, dryRunOf, withDryRun, type DryRun } from '../mutate/dry-run';
import { VALIDATE_FLAG, validationDirective } from '../mutate/files';
import { PRINT_FLAGS, compactTypedJson, objectPrinter, type ObjectPrinter } from '../mutate/print';
import { createObject } from '../mutate/requests';

/** The flags of every create generator. */
export const GENERATOR_FLAGS: readonly FlagSpec[] = [
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  flag.string('field-manager', 'Name of the manager used to track field ownership.', {
    default: 'kubectl-create',
  }),
  flag.bool(
    'save-config',
    'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
  ),
  VALIDATE_FLAG,
];

/** The resource a generator creates. */
export function resourceOf(
  group: string,
  version: string,
  name: string,
  kind: string,
  namespaced: boolean,
): Mapping {
  return {
    group,
    version,
    name,
    kind,
    namespaced,
    singularName: '',
    verbs: [],
    shortNames: [],
    categories: [],
  };
}

/** The NAME argument (cobra's args before `--`), or kubectl's usage error. */
export function nameArgument(ctx: CommandContext): string {
  const count = ctx.argsLenAtDash === -1 ? ctx.args.length : ctx.argsLenAtDash;
  if (count !== 1) throw new UsageError(ctx.path, `exactly one NAME is required, got ${count}`);
  return ctx.args[0] as string;
}

/** What a generator settles before building its object (its Complete step). */
export interface GeneratorRun {
  readonly name: string;
  /** The namespace objects go to, and whether `-n` named it (it then appears in the object). */
  readonly namespace: string;
  readonly enforceNamespace: boolean;
  readonly dryRun: DryRun;
  readonly printer: ObjectPrinter;
  readonly fieldValidation: string;
}

/** The generator's Complete step: name, namespace, dry-run, printer, validation. */
export function completeGenerator(ctx: CommandContext, name = nameArgument(ctx)): GeneratorRun {
  const { namespace, explicit } = ctx.namespace();
  const dryRun = dryRunOf(ctx);
  const printer = objectPrinter(ctx, { typed: true });
  const fieldValidation = validationDirective(ctx);
  return { name, namespace, enforceNamespace: explicit, dryRun, printer, fieldValidation };
}

/** `metadata.namespace` as generators set it: only when `-n` was given. */
export function namespaceField(run: GeneratorRun): { namespace?: string } {
  return run.enforceNamespace ? { namespace: run.namespace } : {};
}

/**
 * A typed object with the last-applied annotation, as CreateApplyAnnotation writes it for
 * one: its own JSON with Go's field order, in `metadata.annotations` after the labels.
 */
export function withTypedApplyAnnotation(object: KubeObject): KubeObject {
  const annotation = `${compactTypedJson(object)}\n`;
  const metadata: Record<string, unknown> = {};
  const entries = Object.entries(object.metadata as Record<string, unknown>);
  const after = 'labels' in object.metadata ? 'labels' : 'creationTimestamp';
  for (const [key, value] of entries) {
    if (key === 'annotations')
      metadata.annotations = { ...(value as Record<string, string>), [LAST_APPLIED]: annotation };
    else metadata[key] = value;
    if (key === after && !('annotations' in object.metadata))
      metadata.annotations = { [LAST_APPLIED]: annotation };
  }
  return { ...object, metadata } as KubeObject;
}

/**
 * Creates the generated object (unless `--dry-run=client`) and prints it. `errorPrefix`
 * is the typed client's wording (`failed to create deployment`); without it, API errors
 * print as the server's.
 */
export async function createGenerated(
  ctx: CommandContext,
  run: GeneratorRun,
  resource: Mapping,
  object: KubeObject,
  errorPrefix?: string,
): Promise<void> {
  let result = ctx.flags.bool('save-config') ? withTypedApplyAnnotation(object) : object;
  if (run.dryRun !== 'client') {
    try {
      result = await createObject(ctx.client(), resource, resource.namespaced ? run.namespace : '', result, {
        fieldManager: ctx.flags.string('field-manager'),
        fieldValidation: run.fieldValidation,
        dryRun: run.dryRun === 'server',
      });
    } catch (error) {
      if (errorPrefix === undefined || !(error instanceof StatusError)) throw error;
      throw new Error(`${errorPrefix}${error.message}`, { cause: error });
    }
  }
  run.printer.print(result, withDryRun('created', run.dryRun));
}

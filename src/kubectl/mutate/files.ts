/**
 * The flags of commands that read objects from files (`-f`, `-k`, `-R`, `--validate`) and
 * how they turn into a read of those objects.
 */
import type { CommandContext } from '../cmd/types';
import { StatusError } from '../errors';
import { flag, type FlagSpec } from '../flags/flags';
import { readObjects, type ReadResult } from '../input/objects';

/**
 * `-f`, `-k` and `-R`, with the `-f` help text of the command; `article` is how its `-k`
 * help names the directory (`a` for apply and delete, `the` elsewhere).
 */
export function filenameFlags(filenameUsage: string, article: 'a' | 'the' = 'the'): FlagSpec[] {
  return [
    flag.stringSlice('filename', filenameUsage, { shorthand: 'f' }),
    flag.string(
      'kustomize',
      `Process ${article} kustomization directory. This flag can't be used together with -f or -R.`,
      { shorthand: 'k' },
    ),
    flag.bool(
      'recursive',
      'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      { shorthand: 'R' },
    ),
  ];
}

/** The `--validate` flag. */
export const VALIDATE_FLAG: FlagSpec = flag.string(
  'validate',
  'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
  { default: 'strict', noOptDefault: 'strict' },
);

/** The `fieldValidation` directive `--validate` asks for (cmdutil.GetValidationDirective). */
export function validationDirective(ctx: CommandContext): 'Strict' | 'Warn' | 'Ignore' {
  const value = ctx.flags.string('validate').toLowerCase();
  if (value === 'strict' || value === 'true') return 'Strict';
  if (value === 'warn') return 'Warn';
  if (value === 'ignore' || value === 'false') return 'Ignore';
  throw new Error(
    `invalid - validate option ${JSON.stringify(ctx.flags.string('validate'))}; must be one of: strict (or true), warn, ignore (or false)`,
  );
}

/** Refuses what this kubectl cannot read: kustomizations. */
export function refuseKustomize(ctx: CommandContext): void {
  if (ctx.flags.string('kustomize') !== '')
    throw new Error('kustomize (-k) is not supported by this terminal; use -f with the manifests instead');
}

/** Reads the objects of `-f` for the run, validating them unless `--validate=false`. */
export function readFilenames(ctx: CommandContext, validate: boolean): Promise<ReadResult> {
  const { namespace, explicit } = ctx.namespace();
  return readObjects(ctx, {
    filenames: ctx.flags.strings('filename'),
    namespace,
    enforceNamespace: explicit,
    validate,
    selector: ctx.flags.string('selector'),
  });
}

/**
 * An API error with the file it concerns, as cmdutil.AddSourceToErr words it:
 * `error when creating "web.yaml": <message>`.
 */
export function withSource(verb: string, source: string, error: unknown): unknown {
  if (source === '') return error;
  const prefix = `error when ${verb} ${JSON.stringify(source)}: `;
  if (error instanceof StatusError)
    return new StatusError({ ...error.status, message: `${prefix}${error.status.message ?? ''}` });
  return new Error(`${prefix}${error instanceof Error ? error.message : String(error)}`);
}

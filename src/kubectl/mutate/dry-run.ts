/**
 * `--dry-run`, as every command that changes objects reads it (cmdutil.GetDryRunStrategy):
 * `none`, `client` (nothing is sent) or `server` (the server runs the request with
 * `dryRun=All` and stores nothing); a bare `--dry-run` and boolean values still work, with
 * a deprecation warning.
 */
import { klogLine } from '../client/klog';
import type { CommandContext } from '../cmd/types';
import { flag, type FlagSpec } from '../flags/flags';
import { parseGoBool } from '../flags/values';

/** What `--dry-run` asked for. */
export type DryRun = 'none' | 'client' | 'server';

/** The `--dry-run` flag (`--dry-run` alone means `unchanged`, kubectl's old boolean form). */
export const DRY_RUN_FLAG: FlagSpec = flag.string(
  'dry-run',
  'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
  { default: 'none', noOptDefault: 'unchanged' },
);

/** A klog warning line, as kubectl writes them to stderr. */
export function klogWarning(ctx: CommandContext, source: string, message: string): void {
  ctx.out.stderr(klogLine(ctx.now(), source, message).replace(/^I/, 'W'));
}

/** The dry-run strategy of the run; throws kubectl's error for a value it does not know. */
export function dryRunOf(ctx: CommandContext): DryRun {
  const value = ctx.flags.string('dry-run');
  const bool = parseGoBool(value);
  if (typeof bool === 'boolean') {
    klogWarning(
      ctx,
      'helpers.go:716',
      `--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=${bool ? 'client' : 'none'}.`,
    );
    return bool ? 'client' : 'none';
  }
  switch (value) {
    case 'unchanged':
      klogWarning(
        ctx,
        'helpers.go:702',
        '--dry-run is deprecated and can be replaced with --dry-run=client.',
      );
      return 'client';
    case 'client':
    case 'server':
    case 'none':
      return value;
    default:
      throw new Error(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
  }
}

/** The query a request carries for the strategy (`dryRun=All` on the server). */
export function dryRunQuery(dryRun: DryRun): Record<string, string[]> {
  return dryRun === 'server' ? { dryRun: ['All'] } : {};
}

/** The operation as the name printer writes it: `created`, `created (dry run)`... */
export function withDryRun(operation: string, dryRun: DryRun): string {
  if (dryRun === 'client') return `${operation} (dry run)`;
  if (dryRun === 'server') return `${operation} (server dry run)`;
  return operation;
}

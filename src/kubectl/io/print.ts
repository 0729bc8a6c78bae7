/**
 * The call point through which commands print objects in `-o` formats other than the
 * table (yaml, json, name, jsonpath, custom-columns): it parses the flag and hands the
 * objects to src/kubectl/printers, writing what they print and throwing their error.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import {
  parseOutputFormat,
  printObjects as printWith,
  type GenericOutputFormat,
  type PrintOptions,
} from '../printers';
import type { Streams } from './output';

/** A parsed `-o` value: the table (`wide` or not), or a format the printers handle. */
export type Output = { readonly kind: 'table'; readonly wide: boolean } | GenericOutputFormat;

/** Parses `-o` (with `--template`); throws kubectl's error for a format no printer knows. */
export function parseOutput(output: string, template = ''): Output {
  const parsed = parseOutputFormat(output, { template });
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

/** Prints `objects` in `format` to stdout; throws the printer's error after its output. */
export function printObjects(
  format: GenericOutputFormat,
  objects: readonly KubeObject[],
  options: PrintOptions,
  out: Streams,
): void {
  const result = printWith(format, objects, options);
  out.stdout(result.stdout);
  if (result.error !== undefined) throw new Error(result.error);
}

/**
 * The data of `create configmap` and `create secret generic`: `--from-literal key=value`,
 * `--from-file [key=]path` (read from the host's workspace) and `--from-env-file path`
 * (lines of `KEY=value`), with kubectl's key checks and error texts.
 */
import type { CommandContext } from '../cmd/types';

/** A set of keys being filled, and how to word its errors. */
export interface DataTarget {
  /** Adds a key; throws kubectl's error for a bad or repeated key. */
  add(key: string, value: string): void;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** validation.IsConfigMapKey: the problems with a data key. */
export function configKeyProblems(key: string): string[] {
  const problems: string[] = [];
  if (key.length > 253) problems.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key))
    problems.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  if (key === '.') problems.push("must not be '.'");
  else if (key === '..') problems.push("must not be '..'");
  else if (key.startsWith('..')) problems.push("must not start with '..'");
  return problems;
}

/** `key=value` (ParseLiteralSource). */
function parseLiteral(source: string): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new Error(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, eq), source.slice(eq + 1)];
}

/** `[key=]path` (ParseFileSource): the key defaults to the file's base name. */
function parseFileSource(source: string): [string, string] {
  const separators = source.split('=').length - 1;
  if (separators === 0)
    return [
      source
        .split('/')
        .filter((p) => p !== '')
        .pop() ?? source,
      source,
    ];
  if (separators === 1 && source.startsWith('='))
    throw new Error(`key name for file path ${source.slice(1)} missing`);
  if (separators === 1 && source.endsWith('='))
    throw new Error(`file path for key name ${source.slice(0, -1)} missing`);
  if (separators > 1) throw new Error("key names or file paths cannot contain '='");
  const [key = '', path = ''] = source.split('=');
  return [key, path];
}

function readOrFail(ctx: CommandContext, path: string): string {
  const text = ctx.input.files?.read(path);
  if (text === undefined) throw new Error(`error reading ${path}: no such file or directory`);
  return text;
}

/** An environment variable name (validation.IsEnvVarName). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** The `KEY=value` pairs of an env file (cmdutil.AddFromEnvFile). */
function envPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  text.split('\n').forEach((raw, index) => {
    const line = (index === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '').trimStart();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!ENV_NAME.test(key))
      throw new Error(
        `${JSON.stringify(key)} is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
      );
    pairs.push([key, eq < 0 ? '' : line.slice(eq + 1)]);
  });
  return pairs;
}

/** The data sources of a run, in the order the command reads them. */
export interface DataSources {
  readonly literals: readonly string[];
  readonly files: readonly string[];
  readonly envFiles: readonly string[];
}

/** The `--from-*` flags of the run. */
export function dataSources(ctx: CommandContext): DataSources {
  const sources = {
    literals: ctx.flags.strings('from-literal'),
    files: ctx.flags.strings('from-file'),
    envFiles: ctx.flags.strings('from-env-file'),
  };
  if (sources.envFiles.length > 0 && (sources.files.length > 0 || sources.literals.length > 0))
    throw new Error('from-env-file cannot be combined with from-file or from-literal');
  return sources;
}

/** Adds the literals to `target`. */
export function addLiterals(target: DataTarget, literals: readonly string[]): void {
  for (const source of literals) target.add(...parseLiteral(source));
}

/** Adds each file's content under its key. */
export function addFiles(ctx: CommandContext, target: DataTarget, files: readonly string[]): void {
  for (const source of files) {
    const [key, path] = parseFileSource(source);
    target.add(key, readOrFail(ctx, path));
  }
}

/** Adds the pairs of each env file. */
export function addEnvFiles(ctx: CommandContext, target: DataTarget, envFiles: readonly string[]): void {
  for (const path of envFiles)
    for (const [key, value] of envPairs(readOrFail(ctx, path))) target.add(key, value);
}

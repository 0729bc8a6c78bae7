/**
 * Flag definitions and parsed values, with the semantics of spf13/pflag as cobra uses it:
 * the last occurrence of a scalar flag wins, a slice flag's first occurrence replaces its
 * default and later ones append, and `changed` tells whether the user set a flag at all.
 */
import { type FlagType, type FlagValue, zeroValue } from './values';

/** One flag a command accepts. */
export interface FlagSpec {
  /** The long name, used as `--name`. */
  readonly name: string;
  /** A one-letter shorthand, used as `-x`. */
  readonly shorthand?: string;
  readonly type: FlagType;
  /** The value when the flag is not given; the type's zero value when absent. */
  readonly default?: FlagValue;
  /** The help text. */
  readonly usage: string;
  /** Hidden flags work but are not listed in help. */
  readonly hidden?: boolean;
  /**
   * pflag's NoOptDefVal: the value a string flag takes when given without `=value`
   * (`--dry-run` means `--dry-run=unchanged`); the next argument is then not its value.
   */
  readonly noOptDefault?: string;
}

type Options = { readonly shorthand?: string; readonly hidden?: boolean };

/** Builders for flag specs, one per type, so command files read like kubectl's flag setup. */
export const flag = {
  bool: (name: string, usage: string, options: Options & { default?: boolean } = {}): FlagSpec => ({
    name,
    type: 'bool',
    usage,
    ...options,
  }),
  string: (
    name: string,
    usage: string,
    options: Options & { default?: string; noOptDefault?: string } = {},
  ): FlagSpec => ({
    name,
    type: 'string',
    usage,
    ...options,
  }),
  /** A Go time.Duration flag; its default in nanoseconds. */
  duration: (name: string, usage: string, options: Options & { default?: number } = {}): FlagSpec => ({
    name,
    type: 'duration',
    usage,
    ...options,
  }),
  int: (name: string, usage: string, options: Options & { default?: number } = {}): FlagSpec => ({
    name,
    type: 'int',
    usage,
    ...options,
  }),
  stringSlice: (name: string, usage: string, options: Options = {}): FlagSpec => ({
    name,
    type: 'stringSlice',
    usage,
    ...options,
  }),
  stringArray: (name: string, usage: string, options: Options = {}): FlagSpec => ({
    name,
    type: 'stringArray',
    usage,
    ...options,
  }),
  level: (name: string, usage: string, options: Options = {}): FlagSpec => ({
    name,
    type: 'level',
    usage,
    ...options,
  }),
};

/** The default value of a flag. */
export function defaultOf(spec: FlagSpec): FlagValue {
  return spec.default ?? zeroValue(spec.type);
}

/**
 * The values of a command's flags after parsing. Reading a flag the command did not define,
 * or as the wrong type, is a programming error and throws.
 */
export class FlagValues {
  readonly #specs: ReadonlyMap<string, FlagSpec>;
  readonly #values = new Map<string, FlagValue>();

  constructor(specs: readonly FlagSpec[]) {
    this.#specs = new Map(specs.map((s) => [s.name, s]));
  }

  /** Records a parsed value (slices: the first set replaces the default, later ones append). */
  set(name: string, value: FlagValue): void {
    const previous = this.#values.get(name);
    this.#values.set(
      name,
      Array.isArray(value) && Array.isArray(previous) ? [...(previous as string[]), ...value] : value,
    );
  }

  /** Whether the user gave the flag. */
  changed(name: string): boolean {
    this.#spec(name);
    return this.#values.has(name);
  }

  bool(name: string): boolean {
    return this.#get(name, 'bool') as boolean;
  }

  string(name: string): string {
    return this.#get(name, 'string') as string;
  }

  /** An `int` or `level` flag. */
  int(name: string): number {
    const spec = this.#spec(name);
    return this.#get(name, spec.type === 'level' ? 'level' : 'int') as number;
  }

  /** A `duration` flag, in nanoseconds. */
  duration(name: string): number {
    return this.#get(name, 'duration') as number;
  }

  /** A `stringSlice` or `stringArray` flag. */
  strings(name: string): readonly string[] {
    const spec = this.#spec(name);
    return this.#get(name, spec.type === 'stringArray' ? 'stringArray' : 'stringSlice') as readonly string[];
  }

  #spec(name: string): FlagSpec {
    const spec = this.#specs.get(name);
    if (spec === undefined) throw new Error(`flag --${name} is not defined for this command`);
    return spec;
  }

  #get(name: string, type: FlagType): FlagValue {
    const spec = this.#spec(name);
    if (spec.type !== type) throw new Error(`flag --${name} is a ${spec.type}, not a ${type}`);
    return this.#values.get(name) ?? defaultOf(spec);
  }
}

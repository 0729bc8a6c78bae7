/**
 * `$(VAR)` references in env values, commands and args (upstream's third_party expansion
 * package): `$(NAME)` becomes the variable's value when it is defined and stays as written
 * when it is not, `$$` is an escaped `$`, and any other `$` is kept.
 */

/** Looks a name up in the maps in order (MappingFuncFor); undefined when none has it. */
export type Mapping = (name: string) => string | undefined;

export function mappingFor(...maps: readonly ReadonlyMap<string, string>[]): Mapping {
  return (name) => {
    for (const map of maps) {
      const value = map.get(name);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

/** Expands the references in `input`. */
export function expand(input: string, mapping: Mapping): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close === -1) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      out += name === '' ? '$()' : (mapping(name) ?? `$(${name})`);
      i = close;
    } else out += '$';
  }
  return out;
}

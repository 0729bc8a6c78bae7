/** The JSON shape of Go structs, read from their json/protobuf struct tags in the Go sources. */

/* ---------------------------------------------------------------- Go struct tags */

export interface GoField {
  /** The JSON name (the Go field name when the tag gives none). */
  readonly json: string;
  readonly omitempty: boolean;
  readonly pointer: boolean;
  /** `json:",inline"`: the struct's fields appear in the parent object. */
  readonly inline: boolean;
  /** `json:"-"`: never in JSON. */
  readonly skip: boolean;
}

export interface GoStruct {
  /** By protobuf field number. */
  readonly fields: Map<number, GoField>;
  /** Embeds metav1.TypeMeta: a top-level kind. */
  readonly typeMeta: boolean;
}

export interface GoPackage {
  readonly structs: Map<string, GoStruct>;
  /** Named slice types (`type ExtraValue []string`), which protobuf wraps in an `items` message. */
  readonly lists: Set<string>;
}

function parseTags(tags: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of tags.matchAll(/(\w+):"([^"]*)"/g)) out.set(match[1] ?? '', match[2] ?? '');
  return out;
}

/** Reads the struct definitions (and their json/protobuf tags) of one Go source file. */
export function parseGoSource(source: string, into: GoPackage): void {
  let current: { name: string; struct: { fields: Map<number, GoField>; typeMeta: boolean } } | null = null;
  let depth = 0;
  for (const rawLine of source.split('\n')) {
    const line = rawLine.replace(/^\s*\/\/.*$/, '');
    if (current === null) {
      const struct = /^type\s+(\w+)\s+struct\s*\{\s*$/.exec(line);
      if (struct?.[1] !== undefined) {
        current = { name: struct[1], struct: { fields: new Map(), typeMeta: false } };
        depth = 1;
        continue;
      }
      const list = /^type\s+(\w+)\s+\[\]/.exec(line);
      if (list?.[1] !== undefined) into.lists.add(list[1]);
      continue;
    }
    const code = line.replace(/`[^`]*`/, '').replace(/\/\/.*$/, '');
    depth += (code.match(/\{/g) ?? []).length - (code.match(/\}/g) ?? []).length;
    if (depth <= 0) {
      into.structs.set(current.name, current.struct);
      current = null;
      continue;
    }
    if (depth !== 1) continue;
    const field = /^\s*([^`]+?)\s+`([^`]*)`/.exec(line);
    if (field?.[1] === undefined || field[2] === undefined) continue;
    const words = field[1].split(/\s+/);
    const goName =
      words.length === 1 ? (words[0] ?? '').replace(/^\*/, '').replace(/^.*\./, '') : (words[0] ?? '');
    const goType = words.length === 1 ? (words[0] ?? '') : words.slice(1).join(' ');
    const tags = parseTags(field[2]);
    const json = (tags.get('json') ?? '').split(',');
    const options = json.slice(1);
    if (
      words.length === 1 &&
      options.includes('inline') &&
      goType.endsWith('TypeMeta') &&
      !tags.has('protobuf')
    ) {
      current.struct.typeMeta = true;
      continue;
    }
    const number = Number((tags.get('protobuf') ?? '').split(',')[1]);
    if (!Number.isInteger(number) || number <= 0) continue;
    current.struct.fields.set(number, {
      json: json[0] !== undefined && json[0] !== '' && json[0] !== '-' ? json[0] : goName,
      omitempty: options.includes('omitempty'),
      pointer: goType.startsWith('*'),
      inline: options.includes('inline'),
      skip: json[0] === '-' && options.length === 0,
    });
  }
}

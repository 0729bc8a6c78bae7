/**
 * What Tab does with completion candidates, as bash with kubectl's completion script does:
 * the common prefix, and the list shown on a second Tab (descriptions formatted as
 * `kubectl completion bash` formats them, laid out in columns as readline lays them out).
 */
import { displayWidth } from './text';

/** Candidates for the text from `replaceFrom` to the cursor, cobra style (`value\tdescription`). */
export interface CompletionResult {
  readonly candidates: readonly string[];
  readonly replaceFrom: number;
}

/** A candidate's value, without its description. */
export const valueOf = (candidate: string): string => candidate.split('\t')[0] ?? '';

/** The longest prefix all values share. */
export function commonPrefix(values: readonly string[]): string {
  const [first = '', ...rest] = values;
  let length = first.length;
  for (const v of rest) {
    let i = 0;
    while (i < length && i < v.length && v.charAt(i) === first.charAt(i)) i++;
    length = i;
  }
  return first.slice(0, length);
}

/** Whether bash adds a space after completing `value` (not after `pods/` or `--flag=`). */
export const endsWord = (value: string): boolean => !/[/=]$/.test(value);

/**
 * What Tab puts in place of `typed` (the text from `replaceFrom` to the cursor): the one
 * candidate, with a space after a whole word, or the candidates' common prefix when it is
 * longer than what was typed; null when it has nothing to add.
 */
export function completionText(candidates: readonly string[], typed: string): string | null {
  const values = [...new Set(candidates.map(valueOf))];
  const prefix = commonPrefix(values);
  if (values.length === 1) return prefix + (endsWord(prefix) ? ' ' : '');
  return values.length > 1 && prefix.length > typed.length && prefix.startsWith(typed) ? prefix : null;
}

/**
 * Formats descriptions as kubectl's bash completion does (__kubectl_format_comp_descriptions):
 * names padded to the longest, then `  (description)`, cut with `…` to fit the screen.
 */
function withDescriptions(candidates: readonly string[], columns: number): string[] {
  const longest = Math.max(...candidates.map((c) => displayWidth(valueOf(c))));
  return candidates.map((candidate) => {
    const tab = candidate.indexOf('\t');
    if (tab < 0) return candidate;
    let name = candidate.slice(0, tab);
    const description = candidate.slice(tab + 1);
    let room = columns - longest - 4;
    if (room > 8) name = name.padEnd(longest + (name.length - displayWidth(name)));
    else room = columns - displayWidth(name) - 4;
    if (room <= 0) return name;
    const cut = description.length > room ? `${description.slice(0, room - 1)}…` : description;
    return `${name}  (${cut})`;
  });
}

/**
 * The candidates as readline lists them, sorted and without duplicates: in as many columns
 * as fit (each as wide as the longest entry plus two spaces), filled top to bottom. Each
 * line ends with CR LF.
 */
export function formatList(candidates: readonly string[], columns: number): string {
  const unique = [...new Set(candidates)].sort((a, b) =>
    valueOf(a) < valueOf(b) ? -1 : valueOf(a) > valueOf(b) ? 1 : 0,
  );
  const entries = withDescriptions(unique, columns);
  const width = Math.max(...entries.map(displayWidth)) + 2;
  let perRow = Math.floor(columns / width);
  if (perRow !== 1 && perRow * width === columns) perRow--;
  perRow = Math.max(perRow, 1);
  const rows = Math.ceil(entries.length / perRow);
  let out = '';
  for (let row = 0; row < rows; row++) {
    for (let col = 0, i = row; col < perRow && i < entries.length; col++, i += rows) {
      const entry = entries[i] ?? '';
      out += entry;
      if (col + 1 < perRow && i + rows < entries.length) out += ' '.repeat(width - displayWidth(entry));
    }
    out += '\r\n';
  }
  return out;
}

/**
 * Help text in kubectl's layout (its templater on top of cobra): description, aliases,
 * examples, subcommands, options (the command's own flags, sorted), usage, and the hints
 * about `--help` and `kubectl options`.
 */
import type { Command } from '../cmd/types';
import { defaultOf, type FlagSpec } from '../flags/flags';
import { formatDefault } from '../flags/values';

/** A titled group of commands, as the root help lists them. */
export interface CommandGroup {
  readonly title: string;
  readonly commands: readonly Command[];
}

/** One flag's entry: `    -A, --all-namespaces=false:\n\t<usage>`. */
function flagEntry(spec: FlagSpec): string {
  const names =
    spec.shorthand === undefined ? `    --${spec.name}` : `    -${spec.shorthand}, --${spec.name}`;
  return `${names}=${formatDefault(spec.type, defaultOf(spec))}:\n\t${spec.usage.replace(/\n/g, '\n\t')}`;
}

/** The entries for `flags`, sorted by name as pflag lists them, hidden ones and help left out. */
export function flagUsages(flags: readonly FlagSpec[]): string {
  return [...flags]
    .filter((f) => f.hidden !== true && f.name !== 'help')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(flagEntry)
    .join('\n\n');
}

/** `  name           short` lines, names padded to the longest sibling name (at least 11). */
function commandList(title: string, commands: readonly Command[], padding: number): string {
  return [title, ...commands.map((c) => `  ${c.name.padEnd(padding)}   ${c.short}`)].join('\n');
}

/** The longest name among `commands`, at least cobra's minimum padding of 11. */
function namePadding(commands: readonly Command[]): number {
  return Math.max(11, ...commands.map((c) => c.name.length));
}

/** Where a command sits: its parent's path (`kubectl`, '' for the root) and, for the root, its groups. */
export interface HelpPlace {
  readonly parentPath: string;
  /** The root's command groups; other commands list their subcommands. */
  readonly groups?: readonly CommandGroup[];
}

/**
 * The sections after the description (cobra's UsageString as kubectl's templater renders
 * it): it starts with a blank line and ends with a newline.
 */
export function usageText(command: Command, place: HelpPlace): string {
  const path = place.parentPath === '' ? command.name : `${place.parentPath} ${command.name}`;
  const sections: string[] = [];
  if ((command.aliases ?? []).length > 0)
    sections.push(`Aliases:\n${[command.name, ...(command.aliases ?? [])].join(', ')}`);
  if (command.example !== undefined)
    sections.push(`Examples:\n${command.example.replace(/^/gm, '  ').trimEnd()}`);
  const subcommands = command.subcommands ?? [];
  if (place.groups !== undefined)
    sections.push(
      place.groups.map((g) => commandList(g.title, g.commands, namePadding(subcommands))).join('\n\n'),
    );
  else if (subcommands.length > 0) {
    const sorted = [...subcommands].sort((a, b) => (a.name < b.name ? -1 : 1));
    sections.push(commandList('Available Commands:', sorted, namePadding(subcommands)));
  }
  const own = flagUsages(command.flags ?? []);
  if (own !== '') sections.push(`Options:\n${own}`);
  const usage = place.parentPath === '' ? command.usage : `${place.parentPath} ${command.usage}`;
  sections.push(`Usage:\n  ${usage} [options]`);
  const tips: string[] = [];
  if (subcommands.length > 0)
    tips.push(`Use "${path} <command> --help" for more information about a given command.`);
  tips.push('Use "kubectl options" for a list of global command-line options (applies to all commands).');
  return `\n\n${sections.map((s) => `${s}\n\n`).join('')}${tips.map((t) => `${t}\n`).join('')}`;
}

/** The whole help text for a command, as `--help` prints it. */
export function helpText(command: Command, place: HelpPlace): string {
  return `${(command.long ?? command.short).trim()}${usageText(command, place)}`;
}

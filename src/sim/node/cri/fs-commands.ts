/**
 * The shell's file commands on a container's filesystem (fs.ts): `cat`, `ls` (`-l`, `-a`,
 * `-A`, `-1`, `-d`, `-L`), `mkdir` (`-p`), `touch`, `rm` (`-r`, `-f`), and the message a failed
 * `> file` redirection prints. Each prints as the image's userland does: busybox's applets on
 * busybox and alpine, GNU coreutils (and dash's `sh`) elsewhere.
 */
import { FsError, joinPath, type Filesystem, type FsNode } from './fs';

/** Where a command writes, and what it needs to know about its container. */
export interface FsCommandContext {
  readonly fs: Filesystem;
  readonly busybox: boolean;
  /** Wall-clock ms, for `ls -l` times and `touch`. */
  readonly now: number;
  out(text: string): void;
  err(text: string): void;
}

/** The commands this file implements. */
export const FS_COMMANDS: readonly string[] = ['cat', 'ls', 'mkdir', 'touch', 'rm'];

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const SIX_MONTHS_MS = 182.5 * 24 * 3600 * 1000;

const errnoText = (error: unknown): string => {
  if (error instanceof FsError) return error.message;
  throw error;
};

/** The message of a failed `> path` in the container's `sh`, and its exit status. */
export function redirectFailure(
  path: string,
  error: unknown,
  busybox: boolean,
): { text: string; code: number } {
  const why = errnoText(error);
  return busybox
    ? { text: `sh: can't create ${path}: ${why}\n`, code: 1 }
    : { text: `sh: 1: cannot create ${path}: ${why}\n`, code: 2 };
}

/** Runs one of {@link FS_COMMANDS}; returns its exit status. */
export function runFsCommand(name: string, args: readonly string[], ctx: FsCommandContext): number {
  switch (name) {
    case 'cat':
      return cat(args, ctx);
    case 'ls':
      return ls(args, ctx);
    case 'mkdir':
      return mkdir(args, ctx);
    case 'touch':
      return touch(args, ctx);
    default:
      return rm(args, ctx);
  }
}

/** Splits `-la file` into flags and operands. */
function options(args: readonly string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-') && arg.length > 1) for (const f of arg.slice(1)) flags.add(f);
    else operands.push(arg);
  }
  return { flags, operands };
}

function cat(args: readonly string[], ctx: FsCommandContext): number {
  let code = 0;
  for (const file of args) {
    try {
      ctx.out(ctx.fs.readFile(joinPath('/', file)));
    } catch (error) {
      const why = errnoText(error);
      if (ctx.busybox)
        ctx.err(
          why === 'Is a directory'
            ? 'cat: read error: Is a directory\n'
            : `cat: can't open '${file}': ${why}\n`,
        );
      else ctx.err(`cat: ${file}: ${why}\n`);
      code = 1;
    }
  }
  return code;
}

function mkdir(args: readonly string[], ctx: FsCommandContext): number {
  const { flags, operands } = options(args);
  let code = 0;
  for (const dir of operands) {
    try {
      const path = joinPath('/', dir);
      if (!flags.has('p')) ctx.fs.mkdir(path);
      let current = '/';
      for (const part of flags.has('p') ? path.split('/').filter((p) => p !== '') : []) {
        current = joinPath(current, part);
        ctx.fs.mkdir(current, { parents: true });
      }
    } catch (error) {
      const why = errnoText(error);
      ctx.err(
        ctx.busybox
          ? `mkdir: can't create directory '${dir}': ${why}\n`
          : `mkdir: cannot create directory '${dir}': ${why}\n`,
      );
      code = 1;
    }
  }
  return code;
}

function touch(args: readonly string[], ctx: FsCommandContext): number {
  let code = 0;
  for (const file of options(args).operands) {
    try {
      const path = joinPath('/', file);
      if (ctx.fs.exists(path)) {
        if (ctx.fs.resolve(path).readOnly) throw new FsError('EROFS', path);
        ctx.fs.stat(path).mtime = ctx.now;
      } else ctx.fs.writeFile(path, '');
    } catch (error) {
      const why = errnoText(error);
      ctx.err(ctx.busybox ? `touch: ${file}: ${why}\n` : `touch: cannot touch '${file}': ${why}\n`);
      code = 1;
    }
  }
  return code;
}

function rm(args: readonly string[], ctx: FsCommandContext): number {
  const { flags, operands } = options(args);
  const recursive = flags.has('r') || flags.has('R');
  let code = 0;
  for (const file of operands) {
    try {
      const path = joinPath('/', file);
      const node = ctx.fs.resolve(path, false).node;
      if (node === undefined) {
        if (flags.has('f')) continue;
        throw new FsError('ENOENT', path);
      }
      if (node.type === 'dir' && !recursive) throw new FsError('EISDIR', path);
      ctx.fs.remove(path, { recursive });
    } catch (error) {
      const why = errnoText(error);
      if (ctx.busybox)
        ctx.err(
          why === 'Is a directory'
            ? `rm: '${file}' is a directory\n`
            : `rm: can't remove '${file}': ${why}\n`,
        );
      else ctx.err(`rm: cannot remove '${file}': ${why}\n`);
      code = 1;
    }
  }
  return code;
}

function modeString(node: FsNode): string {
  const type = { dir: 'd', file: '-', link: 'l', socket: 's', char: 'c' }[node.type];
  let bits = '';
  for (let shift = 6; shift >= 0; shift -= 3) {
    const m = (node.mode >> shift) & 7;
    bits += `${m & 4 ? 'r' : '-'}${m & 2 ? 'w' : '-'}${m & 1 ? 'x' : '-'}`;
  }
  if (node.mode & 0o1000) bits = `${bits.slice(0, 8)}${bits[8] === 'x' ? 't' : 'T'}`;
  return type + bits;
}

function byteLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function sizeOf(node: FsNode): number {
  if (node.type === 'dir') return 4096;
  if (node.type === 'link') return byteLength(node.target);
  return byteLength(node.content);
}

const links = (node: FsNode) =>
  node.type === 'dir' ? 2 + [...node.entries.values()].filter((n) => n.type === 'dir').length : 1;

/** 1K blocks, as `total` counts them (4K filesystem blocks). */
const blocks = (node: FsNode) => (node.type === 'link' ? 0 : Math.ceil(sizeOf(node) / 4096) * 4);

function timeText(ms: number, now: number): string {
  const d = new Date(ms);
  const day = `${MONTHS[d.getUTCMonth()] ?? ''} ${String(d.getUTCDate()).padStart(2, ' ')}`;
  if (Math.abs(now - ms) > SIX_MONTHS_MS) return `${day}  ${d.getUTCFullYear()}`;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${day} ${hh}:${mm}`;
}

type Row = readonly [name: string, node: FsNode];

function longRows(rows: readonly Row[], ctx: FsCommandContext): string {
  const cells = rows.map(([name, node]) => ({
    mode: modeString(node),
    links: String(links(node)),
    size: String(sizeOf(node)),
    time: timeText(node.mtime, ctx.now),
    name: node.type === 'link' ? `${name} -> ${node.target}` : name,
  }));
  if (ctx.busybox) {
    return cells
      .map(
        (c) =>
          `${c.mode} ${c.links.padStart(4)} root     root     ${c.size.padStart(9)} ${c.time} ${c.name}\n`,
      )
      .join('');
  }
  const lw = Math.max(...cells.map((c) => c.links.length));
  const sw = Math.max(...cells.map((c) => c.size.length));
  return cells
    .map((c) => `${c.mode} ${c.links.padStart(lw)} root root ${c.size.padStart(sw)} ${c.time} ${c.name}\n`)
    .join('');
}

function ls(args: readonly string[], ctx: FsCommandContext): number {
  const { flags, operands } = options(args);
  const long = flags.has('l');
  const targets = operands.length === 0 ? ['.'] : operands;
  const files: Row[] = [];
  const dirs: [string, Row[]][] = [];
  let code = 0;
  for (const target of targets) {
    const path = joinPath('/', target);
    try {
      const follow = target.endsWith('/') || flags.has('L') || (!long && !flags.has('d'));
      const node = ctx.fs.resolve(path, follow).node;
      if (node === undefined) throw new FsError('ENOENT', path);
      if (node.type !== 'dir' || flags.has('d')) {
        files.push([target, node]);
        continue;
      }
      const shown = ctx.fs
        .readDir(path)
        .filter(([n]) => flags.has('a') || flags.has('A') || !n.startsWith('.'))
        .map(([n, entry]): Row => [
          n,
          flags.has('L') && entry.type === 'link' ? ctx.fs.stat(joinPath(path, n)) : entry,
        ]);
      if (flags.has('a')) shown.unshift(['.', node], ['..', ctx.fs.stat(joinPath(path, '..'))]);
      dirs.push([target, shown]);
    } catch (error) {
      const why = errnoText(error);
      ctx.err(ctx.busybox ? `ls: ${target}: ${why}\n` : `ls: cannot access '${target}': ${why}\n`);
      code = ctx.busybox ? 1 : 2;
    }
  }
  const render = (rows: readonly Row[]) =>
    long ? longRows(rows, ctx) : rows.map(([n]) => `${n}\n`).join('');
  const parts: string[] = [];
  if (files.length > 0) parts.push(render(files));
  for (const [name, rows] of dirs) {
    const header = targets.length > 1 ? `${name}:\n` : '';
    const total = long ? `total ${rows.reduce((sum, [, n]) => sum + blocks(n), 0)}\n` : '';
    parts.push(header + total + (rows.length === 0 ? '' : render(rows)));
  }
  ctx.out(parts.join('\n'));
  return code;
}

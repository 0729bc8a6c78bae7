/**
 * The kubelet's AtomicWriter (pkg/volume/util/atomic_writer.go), which lays out configMap,
 * secret, downwardAPI and projected volumes so an update appears all at once: the files live
 * in a timestamped directory `..2025_01_01_00_00_05.1234567890`, `..data` links to it, and
 * each top-level path is a link `key -> ..data/key`. An update writes a new timestamped
 * directory, swaps `..data` to it with a rename and removes the old one; a payload equal to
 * what is there writes nothing.
 */
import type { Kernel } from '../../../kernel/kernel';
import { joinPath, type Filesystem } from '../../cri/fs';

/** One file of a volume: its content and permission bits. */
export interface FileProjection {
  readonly content: string;
  readonly mode: number;
}

/** Files by path relative to the volume. */
export type Payload = ReadonlyMap<string, FileProjection>;

const DATA = '..data';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `..2006_01_02_15_04_05.` as os.MkdirTemp's pattern, plus its random suffix. */
function timestampDir(kernel: Kernel): string {
  const d = new Date(kernel.clock.epoch + kernel.clock.now());
  const stamp = `${d.getUTCFullYear()}_${pad(d.getUTCMonth() + 1)}_${pad(d.getUTCDate())}_${pad(d.getUTCHours())}_${pad(d.getUTCMinutes())}_${pad(d.getUTCSeconds())}`;
  return `..${stamp}.${kernel.rng.int(0, 4_294_967_295)}`;
}

/** The files under `dir` by relative path (what the current `..data` holds). */
function current(fs: Filesystem, dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string, rel: string) => {
    for (const [name, node] of fs.readDir(path)) {
      const r = rel === '' ? name : `${rel}/${name}`;
      if (node.type === 'dir') walk(joinPath(path, name), r);
      else if (node.type === 'file') out.set(r, node.content);
    }
  };
  if (fs.exists(joinPath(dir, DATA))) walk(joinPath(dir, DATA), '');
  return out;
}

/** Writes `payload` into the volume directory `dir`; returns whether anything changed. */
export function writePayload(fs: Filesystem, kernel: Kernel, dir: string, payload: Payload): boolean {
  const old = current(fs, dir);
  const same =
    old.size === payload.size && [...payload].every(([path, file]) => old.get(path) === file.content);
  if (same && fs.exists(joinPath(dir, DATA))) return false;
  const oldTarget = fs.resolve(joinPath(dir, DATA), false).node;
  const ts = timestampDir(kernel);
  fs.mkdir(joinPath(dir, ts), { force: true });
  for (const [path, file] of payload) {
    const full = joinPath(joinPath(dir, ts), path);
    fs.mkdirAll(joinPath(full, '..'));
    fs.writeFile(full, file.content, { mode: file.mode });
  }
  fs.symlink(ts, joinPath(dir, '..data_tmp'));
  fs.rename(joinPath(dir, '..data_tmp'), joinPath(dir, DATA));
  const top = new Set([...payload.keys()].map((p) => p.split('/')[0] ?? p));
  for (const name of top) {
    if (!fs.exists(joinPath(dir, name))) fs.symlink(`${DATA}/${name}`, joinPath(dir, name));
  }
  for (const [name, node] of fs.readDir(dir)) {
    if (name.startsWith('..') || top.has(name) || node.type !== 'link') continue;
    fs.remove(joinPath(dir, name), { force: true });
  }
  if (oldTarget?.type === 'link')
    fs.remove(joinPath(dir, oldTarget.target), { recursive: true, force: true });
  return true;
}

/**
 * File trees as a node and its containers see them. A {@link Filesystem} is a tree of
 * directories, files and symlinks plus a mount table: a mount puts another tree's node at a
 * path (a bind mount), read-only or not. Nodes are shared by reference, so what one
 * container writes into a mounted directory (an emptyDir, a hostPath directory, a CSI volume)
 * every other mount of that directory sees at once, and it outlives the container.
 *
 * A node's host filesystem is one Filesystem; a container's is another whose root is a fresh
 * copy of its image's files (the writable layer, lost when the container is replaced) with
 * the CRI mounts bound from the host. Paths are absolute; `.` and `..` resolve lexically (as a
 * shell's `cd` does), symlinks as the kernel resolves them, crossing mounts.
 */

/** The errno names the shell turns into messages. */
export type FsErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'EROFS' | 'ENOTEMPTY' | 'ELOOP';

const MESSAGES: Readonly<Record<FsErrorCode, string>> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EROFS: 'Read-only file system',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
};

/** A failed file operation; `message` is strerror's text. */
export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(MESSAGES[code]);
  }
}

/** A regular file, or a special file (a socket, a character device) with no content. */
export interface FileNode {
  readonly type: 'file' | 'socket' | 'char';
  mode: number;
  mtime: number;
  content: string;
}

export interface DirNode {
  readonly type: 'dir';
  mode: number;
  mtime: number;
  readonly entries: Map<string, FsNode>;
}

export interface LinkNode {
  readonly type: 'link';
  mode: number;
  mtime: number;
  readonly target: string;
}

export type FsNode = FileNode | DirNode | LinkNode;

export function dirNode(mode: number, mtime: number): DirNode {
  return { type: 'dir', mode, mtime, entries: new Map() };
}

export function fileNode(content: string, mode: number, mtime: number): FileNode {
  return { type: 'file', mode, mtime, content };
}

/** A deep copy of a tree (a container's writable layer starts as a copy of its image). */
export function cloneNode(node: FsNode): FsNode {
  if (node.type !== 'dir') return { ...node };
  return { ...node, entries: new Map([...node.entries].map(([k, v]) => [k, cloneNode(v)])) };
}

/** `a/b` joined onto `/x` (or absolute `b`), with `.`, `..` and empty segments resolved lexically. */
export function joinPath(base: string, path: string): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${base}/${path}`).split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '' && part !== '.') parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Where a path leads: the node (undefined if the last component does not exist) and its directory. */
export interface Resolved {
  readonly node: FsNode | undefined;
  readonly parent: DirNode;
  readonly name: string;
  /** The canonical path (symlinks followed). */
  readonly path: string;
  /** Whether the node itself, and its directory, are on a read-only mount. */
  readonly readOnly: boolean;
  readonly parentReadOnly: boolean;
}

interface Mounted {
  readonly node: FsNode;
  readonly readOnly: boolean;
}

const MAX_SYMLINKS = 40;

export class Filesystem {
  readonly #mounts = new Map<string, Mounted>();

  constructor(
    readonly root: DirNode,
    /** Wall-clock ms for modification times. */
    private readonly now: () => number,
  ) {}

  /** Binds `node` at `path`; a missing mount point (and its directories) is created, as runc does. */
  mount(path: string, node: FsNode, readOnly: boolean): void {
    const target = joinPath('/', path);
    this.mkdirAll(joinPath(target, '..'));
    const at = this.resolve(target);
    if (at.node === undefined) {
      const now = this.now();
      at.parent.entries.set(at.name, node.type === 'dir' ? dirNode(0o755, now) : fileNode('', 0o644, now));
      at.parent.mtime = now;
    }
    this.#mounts.set(this.resolve(target).path, { node, readOnly });
  }

  unmount(path: string): void {
    this.#mounts.delete(joinPath('/', path));
  }

  /** The mount points, by path. */
  mountPoints(): ReadonlyMap<string, { readonly readOnly: boolean }> {
    return this.#mounts;
  }

  /** Resolves `path`; `follow` decides whether a final symlink is followed. */
  resolve(path: string, follow = true): Resolved {
    return this.#walk(joinPath('/', path), follow, 0);
  }

  #walk(path: string, follow: boolean, hops: number): Resolved {
    const parts = path.split('/').filter((p) => p !== '');
    const rootMount = this.#mounts.get('/');
    const stack: { node: FsNode; path: string; ro: boolean }[] = [
      { node: rootMount?.node ?? this.root, path: '/', ro: rootMount?.readOnly ?? false },
    ];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      const cur = stack[stack.length - 1] as { node: FsNode; path: string; ro: boolean };
      if (cur.node.type !== 'dir') throw new FsError('ENOTDIR', path);
      const childPath = joinPath(cur.path, part);
      const mounted = this.#mounts.get(childPath);
      const child = mounted?.node ?? cur.node.entries.get(part);
      const last = i === parts.length - 1;
      if (child === undefined) {
        if (!last) throw new FsError('ENOENT', path);
        return {
          node: undefined,
          parent: cur.node,
          name: part,
          path: childPath,
          readOnly: cur.ro,
          parentReadOnly: cur.ro,
        };
      }
      if (child.type === 'link' && (!last || follow)) {
        if (hops >= MAX_SYMLINKS) throw new FsError('ELOOP', path);
        const rest = parts.slice(i + 1).join('/');
        return this.#walk(joinPath(joinPath(cur.path, child.target), rest), follow, hops + 1);
      }
      stack.push({ node: child, path: childPath, ro: mounted?.readOnly ?? cur.ro });
    }
    const top = stack[stack.length - 1] as { node: FsNode; path: string; ro: boolean };
    const below = stack[stack.length - 2];
    const parent = below?.node.type === 'dir' ? below.node : this.root;
    const name = top.path === '/' ? '/' : top.path.slice(top.path.lastIndexOf('/') + 1);
    return {
      node: top.node,
      parent,
      name,
      path: top.path,
      readOnly: top.ro,
      parentReadOnly: below?.ro ?? top.ro,
    };
  }

  /** stat(2): the node at `path`, symlinks followed. */
  stat(path: string): FsNode {
    const node = this.resolve(path).node;
    if (node === undefined) throw new FsError('ENOENT', path);
    return node;
  }

  exists(path: string): boolean {
    try {
      return this.resolve(path).node !== undefined;
    } catch (error) {
      if (error instanceof FsError) return false;
      throw error;
    }
  }

  readFile(path: string): string {
    const node = this.stat(path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    return node.type === 'file' ? node.content : '';
  }

  /** A directory's entries, sorted by name (as `ls` in the C locale). */
  readDir(path: string): [string, FsNode][] {
    const node = this.stat(path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    const here = this.resolve(path).path;
    const entries = [...node.entries].map(([name, n]): [string, FsNode] => [
      name,
      this.#mounts.get(joinPath(here, name))?.node ?? n,
    ]);
    return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Writes (or appends to) a file, creating it with `mode`. */
  writeFile(path: string, content: string, options: { append?: boolean; mode?: number } = {}): void {
    const at = this.resolve(path);
    if (at.node?.type === 'dir') throw new FsError('EISDIR', path);
    if (at.node === undefined ? at.parentReadOnly : at.readOnly) throw new FsError('EROFS', path);
    const now = this.now();
    if (at.node?.type === 'file') {
      at.node.content = options.append === true ? at.node.content + content : content;
      at.node.mtime = now;
      return;
    }
    if (at.node === undefined) {
      at.parent.entries.set(at.name, fileNode(content, options.mode ?? 0o644, now));
      at.parent.mtime = now;
    }
  }

  /** mkdir(2), or `mkdir -p` with `parents`; `force` ignores read-only mounts (the host's own setup). */
  mkdir(path: string, options: { parents?: boolean; mode?: number; force?: boolean } = {}): void {
    const at = this.resolve(path);
    if (at.node !== undefined) {
      if (options.parents === true && at.node.type === 'dir') return;
      throw new FsError('EEXIST', path);
    }
    if (at.parentReadOnly && options.force !== true) throw new FsError('EROFS', path);
    const now = this.now();
    at.parent.entries.set(at.name, dirNode(options.mode ?? 0o755, now));
    at.parent.mtime = now;
  }

  /** Creates every missing directory of an absolute path (`mkdir -p`). */
  mkdirAll(path: string, mode = 0o755): DirNode {
    let current = '/';
    for (const part of joinPath('/', path)
      .split('/')
      .filter((p) => p !== '')) {
      current = joinPath(current, part);
      const at = this.resolve(current);
      if (at.node === undefined) this.mkdir(current, { mode, force: true });
      else if (at.node.type !== 'dir') throw new FsError('ENOTDIR', current);
    }
    return this.stat(path) as DirNode;
  }

  symlink(target: string, path: string): void {
    const at = this.resolve(path, false);
    if (at.node !== undefined) throw new FsError('EEXIST', path);
    at.parent.entries.set(at.name, { type: 'link', mode: 0o777, mtime: this.now(), target });
  }

  /** rename(2) within one directory tree: replaces what `to` names (the atomic writer's swap). */
  rename(from: string, to: string): void {
    const src = this.resolve(from, false);
    if (src.node === undefined) throw new FsError('ENOENT', from);
    const dst = this.resolve(to, false);
    dst.parent.entries.set(dst.name, src.node);
    src.parent.entries.delete(src.name);
  }

  /** unlink(2)/rmdir(2), or `rm -r` with `recursive`. */
  remove(path: string, options: { recursive?: boolean; force?: boolean } = {}): void {
    const at = this.resolve(path, false);
    if (at.node === undefined) throw new FsError('ENOENT', path);
    if (at.parentReadOnly && options.force !== true) throw new FsError('EROFS', path);
    if (at.node.type === 'dir' && at.node.entries.size > 0 && options.recursive !== true)
      throw new FsError('ENOTEMPTY', path);
    at.parent.entries.delete(at.name);
    at.parent.mtime = this.now();
  }
}

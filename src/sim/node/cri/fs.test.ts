import { describe, expect, it } from 'vitest';
import { resolveImage } from '../images/reference';
import { Filesystem, FsError, dirNode, joinPath } from './fs';
import { imageRoot } from './image-files';

const NOW = Date.UTC(2025, 0, 1);
const fsOf = (image = 'busybox') => new Filesystem(imageRoot(resolveImage(image)), () => NOW);
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (error) {
    return error instanceof FsError ? error.code : String(error);
  }
};

describe('paths', () => {
  it.each([
    ['/', 'etc', '/etc'],
    ['/a', 'b/./c', '/a/b/c'],
    ['/a', '/x//y/', '/x/y'],
  ])('joinPath(%s, %s) = %s', (base, path, joined) => expect(joinPath(base, path)).toBe(joined));
});

describe('an image root filesystem', () => {
  it.each([
    ['nginx', '/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"'],
    ['alpine', '/etc/os-release', 'PRETTY_NAME="Alpine Linux v3.21"'],
    ['ubuntu:24.04', '/etc/os-release', 'PRETTY_NAME="Ubuntu 24.04.1 LTS"'],
    ['nginx', '/usr/share/nginx/html/index.html', '<title>Welcome to nginx!</title>'],
    ['nginx', '/etc/nginx/conf.d/default.conf', 'root   /usr/share/nginx/html;'],
  ])('%s has %s', (image, path, text) => expect(fsOf(image).readFile(path)).toContain(text));

  it('busybox has no /etc/os-release, and follows symlinks such as /lib64 and /bin/sh', () => {
    const fs = fsOf('busybox');
    expect(code(() => fs.readFile('/etc/os-release'))).toBe('ENOENT');
    expect(fs.resolve('/bin/sh').path).toBe('/bin/busybox');
    expect(fsOf('nginx').resolve('/bin/bash').path).toBe('/usr/bin/bash');
  });

  it('gives each container its own copy', () => {
    const a = fsOf();
    a.writeFile('/tmp/x', 'a');
    expect(fsOf().exists('/tmp/x')).toBe(false);
  });
});

describe('reading and writing', () => {
  it.each([
    ['read a directory', (fs: Filesystem) => fs.readFile('/etc'), 'EISDIR'],
    ['read a missing file', (fs: Filesystem) => fs.readFile('/nope'), 'ENOENT'],
    ['write under a missing directory', (fs: Filesystem) => fs.writeFile('/a/b', ''), 'ENOENT'],
    ['walk through a file', (fs: Filesystem) => fs.readFile('/etc/passwd/x'), 'ENOTDIR'],
    ['mkdir an existing directory', (fs: Filesystem) => fs.mkdir('/etc'), 'EEXIST'],
    ['rmdir a non-empty directory', (fs: Filesystem) => fs.remove('/etc'), 'ENOTEMPTY'],
  ])('fails to %s', (_what, op, errno) => expect(code(() => op(fsOf()))).toBe(errno));

  it('writes, appends, lists sorted and removes', () => {
    const fs = fsOf();
    fs.mkdir('/data');
    fs.writeFile('/data/b', 'one\n');
    fs.writeFile('/data/b', 'two\n', { append: true });
    fs.writeFile('/data/a', '');
    expect(fs.readFile('/data/b')).toBe('one\ntwo\n');
    expect(fs.readDir('/data').map(([n]) => n)).toEqual(['a', 'b']);
    fs.remove('/data', { recursive: true });
    expect(fs.exists('/data')).toBe(false);
  });

  it('detects symlink loops', () => {
    const fs = fsOf();
    fs.symlink('/loop', '/loop');
    expect(code(() => fs.readFile('/loop'))).toBe('ELOOP');
  });
});

describe('mounts', () => {
  it('shares a mounted directory between trees, read-only where mounted so', () => {
    const host = new Filesystem(dirNode(0o755, NOW), () => NOW);
    const volume = host.mkdirAll('/var/lib/kubelet/pods/uid/volumes/kubernetes.io~empty-dir/cache');
    const a = fsOf();
    const b = fsOf('nginx');
    a.mount('/cache', volume, false);
    b.mount('/usr/share/nginx/html', volume, true);
    a.writeFile('/cache/index.html', 'hello\n');
    expect(b.readFile('/usr/share/nginx/html/index.html')).toBe('hello\n');
    expect(host.readFile('/var/lib/kubelet/pods/uid/volumes/kubernetes.io~empty-dir/cache/index.html')).toBe(
      'hello\n',
    );
    expect(code(() => b.writeFile('/usr/share/nginx/html/x', ''))).toBe('EROFS');
    expect(b.readDir('/usr/share/nginx/html').map(([n]) => n)).toEqual(['index.html']);
  });

  it('mounts files over image files, and creates missing mount points', () => {
    const host = new Filesystem(dirNode(0o755, NOW), () => NOW);
    host.mkdirAll('/pods/uid');
    host.writeFile('/pods/uid/etc-hosts', '10.244.1.2\tweb\n');
    const fs = fsOf();
    fs.mount('/etc/hosts', host.stat('/pods/uid/etc-hosts'), false);
    fs.mount('/var/run/secrets/kubernetes.io/serviceaccount', host.mkdirAll('/pods/uid/token'), true);
    expect(fs.readFile('/etc/hosts')).toBe('10.244.1.2\tweb\n');
    expect(fs.stat('/var/run/secrets/kubernetes.io/serviceaccount').type).toBe('dir');
    expect([...fs.mountPoints().keys()]).toEqual([
      '/etc/hosts',
      '/var/run/secrets/kubernetes.io/serviceaccount',
    ]);
  });

  it('follows relative symlinks inside a mounted volume (the ..data layout)', () => {
    const host = new Filesystem(dirNode(0o755, NOW), () => NOW);
    const vol = host.mkdirAll('/vol');
    host.mkdir('/vol/..2025_01_01_00_00_00.1');
    host.writeFile('/vol/..2025_01_01_00_00_00.1/key', 'value');
    host.symlink('..2025_01_01_00_00_00.1', '/vol/..data');
    host.symlink('..data/key', '/vol/key');
    const fs = fsOf();
    fs.mount('/etc/config', vol, true);
    expect(fs.readFile('/etc/config/key')).toBe('value');
    expect(fs.resolve('/etc/config/key').path).toBe('/etc/config/..2025_01_01_00_00_00.1/key');
  });
});

/**
 * What is in an image's root filesystem, a small set per image family: the directories of
 * the root, the account files, `/etc/os-release` (the busybox image has none), and what a
 * server image ships to be looked at (nginx's welcome page and its configuration). A
 * container starts from a copy of its image's tree (see fs.ts).
 */
import { cloneNode, dirNode, fileNode, Filesystem, type DirNode } from './fs';
import { NGINX_WELCOME_PAGE } from '../images/nginx';
import type { ResolvedImage } from '../images/reference';

/** When the catalog's images were built (their files' modification time). */
const BUILT = Date.UTC(2024, 11, 3, 18, 12, 0);

type Entry = string | { readonly link: string } | { readonly dir: true } | { readonly char: true };

const DEBIAN_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const ALPINE_OS_RELEASE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.21.0
PRETTY_NAME="Alpine Linux v3.21"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;

const UBUNTU_OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const DIR = { dir: true } as const;
const CHAR = { char: true } as const;

/** What every Linux image has: the root's directories, a root account, /dev's basics. */
const COMMON: Readonly<Record<string, Entry>> = {
  '/dev/null': CHAR,
  '/dev/zero': CHAR,
  '/dev/random': CHAR,
  '/dev/urandom': CHAR,
  '/dev/pts': DIR,
  '/dev/shm': DIR,
  '/etc/group': 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\nnogroup:x:65534:\n',
  '/etc/hostname': '',
  '/etc/hosts': '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n',
  '/etc/resolv.conf': '',
  '/home': DIR,
  '/proc': DIR,
  '/root': DIR,
  '/sys': DIR,
  '/tmp': DIR,
  '/usr/bin': DIR,
  '/usr/sbin': DIR,
  '/var/log': DIR,
};

const BUSYBOX: Readonly<Record<string, Entry>> = {
  '/bin/sh': { link: 'busybox' },
  '/bin/busybox': '',
  '/bin/ls': { link: 'busybox' },
  '/bin/cat': { link: 'busybox' },
  '/etc/passwd':
    'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
  '/lib': DIR,
  '/lib64': { link: 'lib' },
  '/var/spool': DIR,
  '/var/www': DIR,
};

const ALPINE: Readonly<Record<string, Entry>> = {
  ...BUSYBOX,
  '/etc/os-release': ALPINE_OS_RELEASE,
  '/etc/alpine-release': '3.21.0\n',
  '/lib64': DIR,
  '/media': DIR,
  '/mnt': DIR,
  '/opt': DIR,
  '/run': DIR,
  '/sbin': DIR,
  '/srv': DIR,
};

const DEBIAN: Readonly<Record<string, Entry>> = {
  '/bin': { link: 'usr/bin' },
  '/usr/bin/bash': '',
  '/usr/bin/sh': { link: 'dash' },
  '/usr/bin/dash': '',
  '/boot': DIR,
  '/etc/debian_version': '12.8\n',
  '/etc/os-release': { link: '../usr/lib/os-release' },
  '/usr/lib/os-release': DEBIAN_OS_RELEASE,
  '/etc/passwd':
    'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
  '/lib': { link: 'usr/lib' },
  '/lib64': { link: 'usr/lib64' },
  '/usr/lib64': DIR,
  '/media': DIR,
  '/mnt': DIR,
  '/opt': DIR,
  '/run': DIR,
  '/sbin': { link: 'usr/sbin' },
  '/srv': DIR,
  '/var/lib': DIR,
};

const UBUNTU: Readonly<Record<string, Entry>> = {
  ...DEBIAN,
  '/etc/debian_version': 'trixie/sid\n',
  '/usr/lib/os-release': UBUNTU_OS_RELEASE,
};

const NGINX: Readonly<Record<string, Entry>> = {
  ...DEBIAN,
  '/docker-entrypoint.sh': '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n',
  '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': '',
  '/docker-entrypoint.d/15-local-resolvers.envsh': '',
  '/docker-entrypoint.d/20-envsubst-on-templates.sh': '',
  '/docker-entrypoint.d/30-tune-worker-processes.sh': '',
  '/etc/nginx/nginx.conf': NGINX_CONF,
  '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
  '/etc/nginx/mime.types':
    '\ntypes {\n    text/html                                        html htm shtml;\n}\n',
  '/usr/share/nginx/html/index.html': NGINX_WELCOME_PAGE,
  '/usr/share/nginx/html/50x.html':
    '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
  '/var/cache/nginx': DIR,
  '/var/log/nginx/access.log': { link: '/dev/stdout' },
  '/var/log/nginx/error.log': { link: '/dev/stderr' },
};

/** The sandbox's pause image: one static binary. */
const PAUSE: Readonly<Record<string, Entry>> = { '/pause': '' };

function familyOf(image: ResolvedImage): Readonly<Record<string, Entry>> {
  switch (image.repository) {
    case 'docker.io/library/busybox':
      return BUSYBOX;
    case 'docker.io/library/alpine':
    case 'docker.io/curlimages/curl':
      return ALPINE;
    case 'docker.io/library/ubuntu':
      return UBUNTU;
    case 'docker.io/library/nginx':
      return NGINX;
    case 'registry.k8s.io/pause':
      return PAUSE;
    default:
      return DEBIAN;
  }
}

/** The tree of a family's entries (paths through symlinks are not used: entries name real paths). */
function build(family: Readonly<Record<string, Entry>>): DirNode {
  const fs = new Filesystem(dirNode(0o755, BUILT), () => BUILT);
  for (const [path, entry] of Object.entries({ ...(family === PAUSE ? {} : COMMON), ...family })) {
    const slash = path.lastIndexOf('/');
    const dir = fs.mkdirAll(path.slice(0, slash));
    const name = path.slice(slash + 1);
    if (typeof entry === 'string') {
      const executable = path.endsWith('.sh') || /^\/usr\/s?bin\//.test(path) || path === '/pause';
      dir.entries.set(name, fileNode(entry, executable ? 0o755 : 0o644, BUILT));
    } else if ('link' in entry)
      dir.entries.set(name, { type: 'link', mode: 0o777, mtime: BUILT, target: entry.link });
    else if ('char' in entry) dir.entries.set(name, { type: 'char', mode: 0o666, mtime: BUILT, content: '' });
    else if (!dir.entries.has(name)) dir.entries.set(name, dirNode(path === '/tmp' ? 0o1777 : 0o755, BUILT));
  }
  return fs.root;
}

const cache = new Map<Readonly<Record<string, Entry>>, DirNode>();

/** A container filesystem with just `image`'s files (no mounts): what a test's shell sees. */
export function imageFilesystem(image: ResolvedImage, now: () => number): Filesystem {
  return new Filesystem(imageRoot(image), now);
}

/** A fresh copy of an image's root filesystem tree. */
export function imageRoot(image: ResolvedImage): DirNode {
  const family = familyOf(image);
  let tree = cache.get(family);
  if (tree === undefined) cache.set(family, (tree = build(family)));
  return cloneNode(tree) as DirNode;
}

/**
 * Where the Kubernetes schema files live (`$KUBELAB_PROTO_DIR` or `<repo>/.kubelab/protos`),
 * and which schema directory and proto package each apiVersion maps to.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ProtobufDecodeError } from './errors';

/* ---------------------------------------------------------------- schema files */

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const DEFAULT_DIR = path.join(REPO_ROOT, '.kubelab/protos');
/** Files every usable directory has: the core group's schema and its Go types. */
const REQUIRED_FILES = [
  'k8s.io/api/core/v1/generated.proto',
  'k8s.io/api/core/v1/types.go',
  'k8s.io/apimachinery/pkg/runtime/generated.proto',
];

export function configuredDirectory(): string {
  const fromEnv = process.env.KUBELAB_PROTO_DIR;
  return fromEnv !== undefined && fromEnv !== '' ? path.resolve(fromEnv) : DEFAULT_DIR;
}

/**
 * The directory holding the Kubernetes schema files (the `generated.proto` files under k8s.io/
 * and the Go types next to them): `$KUBELAB_PROTO_DIR`, else `<repo>/.kubelab/protos`. Null
 * when it does not hold them.
 */
export function protoDirectory(): string | null {
  const dir = configuredDirectory();
  return REQUIRED_FILES.every((file) => existsSync(path.join(dir, file))) ? dir : null;
}

export function missingSchemaError(dir: string): ProtobufDecodeError {
  return new ProtobufDecodeError(
    'decoding protobuf request bodies (application/vnd.kubernetes.protobuf, sent by typed kubectl commands such as ' +
      '`kubectl create deployment`) needs the Kubernetes .proto files, which are not in ' +
      `${dir}: run \`bash .ci/fetch-k8s-protos.sh\` in the repository, or set KUBELAB_PROTO_DIR to a directory that holds them`,
    500,
  );
}

/* ---------------------------------------------------------------- API groups */

/** Where each API group's schema lives under k8s.io/api (the group's short name, mostly). */
const GROUP_DIRS: Readonly<Record<string, string>> = {
  '': 'core',
  'admission.k8s.io': 'admission',
  'admissionregistration.k8s.io': 'admissionregistration',
  'apidiscovery.k8s.io': 'apidiscovery',
  'internal.apiserver.k8s.io': 'apiserverinternal',
  apps: 'apps',
  'authentication.k8s.io': 'authentication',
  'authorization.k8s.io': 'authorization',
  autoscaling: 'autoscaling',
  batch: 'batch',
  'certificates.k8s.io': 'certificates',
  'coordination.k8s.io': 'coordination',
  'discovery.k8s.io': 'discovery',
  'events.k8s.io': 'events',
  extensions: 'extensions',
  'flowcontrol.apiserver.k8s.io': 'flowcontrol',
  'imagepolicy.k8s.io': 'imagepolicy',
  'networking.k8s.io': 'networking',
  'node.k8s.io': 'node',
  policy: 'policy',
  'rbac.authorization.k8s.io': 'rbac',
  'resource.k8s.io': 'resource',
  'scheduling.k8s.io': 'scheduling',
  'storage.k8s.io': 'storage',
  'storagemigration.k8s.io': 'storagemigration',
};

/** The schema directory (relative, e.g. `k8s.io/api/apps/v1`) of an apiVersion, if known. */
export function packageDirOf(apiVersion: string): string | null {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (!/^v\d+((alpha|beta)\d+)?$/.test(version)) return null;
  if (group === 'meta.k8s.io') return `k8s.io/apimachinery/pkg/apis/meta/${version}`;
  const dir = Object.hasOwn(GROUP_DIRS, group) ? GROUP_DIRS[group] : undefined;
  return dir === undefined ? null : `k8s.io/api/${dir}/${version}`;
}

/** `k8s.io/api/apps/v1` <-> `.k8s.io.api.apps.v1` (the proto package). */
export function packageNameOf(dir: string): string {
  return `.k8s.io.${dir.slice('k8s.io/'.length).replaceAll('/', '.')}`;
}
export function packageDirOfName(fullName: string): string {
  return `k8s.io/${fullName.slice('.k8s.io.'.length).replaceAll('.', '/')}`;
}

/**
 * `kubectl create configmap NAME` and `kubectl create secret generic NAME`: a ConfigMap or
 * an Opaque Secret from literals, workspace files and env files.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { addEnvFiles, addFiles, addLiterals, configKeyProblems, dataSources } from '../create/data';
import {
  GENERATOR_FLAGS,
  completeGenerator,
  createGenerated,
  namespaceField,
  resourceOf,
} from '../create/generator';
import { flag } from '../flags/flags';
import type { Command, CommandContext } from './types';

/** Base64 of a string's UTF-8 bytes, as a Secret's data holds it. */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function runConfigMap(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const sources = dataSources(ctx);
  if (ctx.flags.bool('append-hash')) throw new Error('--append-hash is not supported by this terminal');
  const data: Record<string, string> = {};
  const target = {
    add(key: string, value: string) {
      const problems = configKeyProblems(key);
      if (problems.length > 0)
        throw new Error(
          `${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${problems.join(',')}`,
        );
      if (key in data)
        throw new Error(
          `cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(run.name)}`,
        );
      data[key] = value;
    },
  };
  addFiles(ctx, target, sources.files);
  addLiterals(target, sources.literals);
  addEnvFiles(ctx, target, sources.envFiles);
  const object = {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name: run.name, ...namespaceField(run), creationTimestamp: null },
    ...(Object.keys(data).length > 0 ? { data } : {}),
  } as unknown as KubeObject;
  await createGenerated(
    ctx,
    run,
    resourceOf('', 'v1', 'configmaps', 'ConfigMap', true),
    object,
    'failed to create configmap: ',
  );
}

async function runSecret(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const sources = dataSources(ctx);
  if (ctx.flags.bool('append-hash')) throw new Error('--append-hash is not supported by this terminal');
  const data: Record<string, string> = {};
  const target = {
    add(key: string, value: string) {
      const problems = configKeyProblems(key);
      if (problems.length > 0)
        throw new Error(`${JSON.stringify(key)} is not valid key name for a Secret ${problems.join(';')}`);
      if (key in data) throw new Error(`cannot add key ${key}, another key by that name already exists`);
      data[key] = base64(value);
    },
  };
  addLiterals(target, sources.literals);
  addFiles(ctx, target, sources.files);
  addEnvFiles(ctx, target, sources.envFiles);
  const type = ctx.flags.string('type');
  const object = {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { name: run.name, ...namespaceField(run), creationTimestamp: null },
    ...(Object.keys(data).length > 0 ? { data } : {}),
    ...(type === '' ? {} : { type }),
  } as unknown as KubeObject;
  await createGenerated(
    ctx,
    run,
    resourceOf('', 'v1', 'secrets', 'Secret', true),
    object,
    'failed to create secret ',
  );
}

async function runDockerRegistry(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  if (ctx.flags.bool('append-hash')) throw new Error('--append-hash is not supported by this terminal');
  const files = ctx.flags.strings('from-file');
  const username = ctx.flags.string('docker-username');
  const password = ctx.flags.string('docker-password');
  const server = ctx.flags.string('docker-server');
  const email = ctx.flags.string('docker-email');
  if (files.length === 0 && (username === '' || password === '' || server === ''))
    throw new Error(
      'either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
    );
  const data: Record<string, string> = {};
  if (files.length > 0) addFiles(ctx, { add: (key, value) => void (data[key] = base64(value)) }, files);
  else {
    const auth = {
      username,
      password,
      ...(email === '' ? {} : { email }),
      auth: base64(`${username}:${password}`),
    };
    data['.dockerconfigjson'] = base64(JSON.stringify({ auths: { [server]: auth } }));
  }
  const object = {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { name: run.name, ...namespaceField(run), creationTimestamp: null },
    data,
    type: 'kubernetes.io/dockerconfigjson',
  } as unknown as KubeObject;
  await createGenerated(
    ctx,
    run,
    resourceOf('', 'v1', 'secrets', 'Secret', true),
    object,
    'failed to create secret ',
  );
}

export const createConfigMap: Command = {
  name: 'configmap',
  aliases: ['cm'],
  usage:
    'configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
  short: 'Create a config map from a local file, directory or literal value',
  long: `Create a config map based on a file or literal value.

 A single config map may package one or more key/value pairs. With --from-file the key is the file's base name unless given as key=path; the files come from the terminal's workspace.`,
  example: `# Create a config map with two keys
kubectl create configmap web-config --from-literal=mode=production --from-literal=replicas=3

# Create a config map from a file, under the key "nginx.conf"
kubectl create configmap nginx --from-file=nginx.conf

# See the config map without creating it
kubectl create configmap web-config --from-literal=mode=dev --dry-run=client -o yaml`,
  flags: [
    ...GENERATOR_FLAGS,
    flag.bool('append-hash', 'Append a hash of the configmap to its name.'),
    flag.stringArray(
      'from-env-file',
      'Specify the path to a file to read lines of key=val pairs to create a configmap.',
    ),
    flag.stringArray(
      'from-file',
      'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.',
    ),
    flag.stringArray(
      'from-literal',
      'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)',
    ),
  ],
  run: runConfigMap,
};

export const createSecretGeneric: Command = {
  name: 'generic',
  usage:
    'generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
  short: 'Create a secret from a local file, directory, or literal value',
  long: `Create a secret based on a file or literal value.

 Values are stored base64-encoded in the secret's data. With --from-file the key is the file's base name unless given as key=path; the files come from the terminal's workspace.`,
  example: `# Create a secret with two keys
kubectl create secret generic db --from-literal=user=admin --from-literal=password=s3cret

# Create a secret from a file
kubectl create secret generic tls-key --from-file=key.pem`,
  flags: [
    ...GENERATOR_FLAGS,
    flag.bool('append-hash', 'Append a hash of the secret to its name.'),
    flag.stringArray(
      'from-env-file',
      'Specify the path to a file to read lines of key=val pairs to create a secret.',
    ),
    flag.stringArray(
      'from-file',
      'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.',
    ),
    flag.stringArray(
      'from-literal',
      'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)',
    ),
    flag.string('type', 'The type of secret to create'),
  ],
  run: runSecret,
};

export const createSecretDockerRegistry: Command = {
  name: 'docker-registry',
  usage:
    'docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none]',
  short: 'Create a secret for use with a Docker registry',
  long: `Create a new secret for use with Docker registries.

 Pods pull images from private registries with it when it is listed in their imagePullSecrets.`,
  example: `# Create a secret for a private registry
kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=me --docker-password=s3cret`,
  flags: [
    ...GENERATOR_FLAGS,
    flag.bool('append-hash', 'Append a hash of the secret to its name.'),
    flag.string('docker-email', 'Email for Docker registry'),
    flag.string('docker-password', 'Password for Docker registry authentication'),
    flag.string('docker-server', 'Server location for Docker registry', {
      default: 'https://index.docker.io/v1/',
    }),
    flag.string('docker-username', 'Username for Docker registry authentication'),
    flag.stringSlice(
      'from-file',
      'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.',
    ),
  ],
  run: runDockerRegistry,
};

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeProtobufBody, isProtobuf, ProtobufDecodeError, protoDirectory } from './protobuf';

const TESTDATA = path.join(import.meta.dirname, 'testdata/protobuf');
const cases = JSON.parse(readFileSync(path.join(TESTDATA, 'cases.json'), 'utf8')) as Record<
  string,
  { command: string }
>;
const fixture = (name: string) => readFileSync(path.join(TESTDATA, `${name}.bin`));
const expected = (name: string) =>
  JSON.parse(readFileSync(path.join(TESTDATA, `${name}.json`), 'utf8')) as unknown;

/** The schema directory; without it, skip on a laptop but fail under CI. */
function protosOrSkip(): string | null {
  const dir = protoDirectory();
  if (dir !== null) return dir;
  const reason =
    'the Kubernetes .proto files are missing (run `bash .ci/fetch-k8s-protos.sh`, or set KUBELAB_PROTO_DIR)';
  if (process.env.CI === 'true') throw new Error(`${reason}; they are required under CI`);
  console.warn(`skipping protobuf decoding tests: ${reason}`);
  return null;
}
const protos = protosOrSkip();

function withProtoDir<T>(dir: string, run: () => T): T {
  const saved = process.env.KUBELAB_PROTO_DIR;
  process.env.KUBELAB_PROTO_DIR = dir;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.KUBELAB_PROTO_DIR;
    else process.env.KUBELAB_PROTO_DIR = saved;
  }
}

function decodeError(raw: Buffer): ProtobufDecodeError {
  try {
    decodeProtobufBody(raw);
  } catch (error) {
    if (error instanceof ProtobufDecodeError) return error;
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe('protobuf request bodies', () => {
  it('recognises the protobuf content type', () => {
    expect(isProtobuf('application/vnd.kubernetes.protobuf')).toBe(true);
    expect(isProtobuf('application/vnd.kubernetes.protobuf; charset=utf-8')).toBe(true);
    expect(isProtobuf('application/vnd.kubernetes.protobuf;stream=watch')).toBe(true);
    expect(isProtobuf('application/json')).toBe(false);
    expect(isProtobuf(undefined)).toBe(false);
  });

  it('rejects a body without the k8s\\0 magic', () => {
    const error = decodeError(Buffer.from('{"kind":"ConfigMap"}'));
    expect(error.message).toBe(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
    expect(error.code).toBe(400);
    expect(decodeError(Buffer.from('k8s')).code).toBe(400);
  });

  it('says how to get the .proto files when they are missing', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'kubelab-no-protos-'));
    try {
      withProtoDir(empty, () => {
        expect(protoDirectory()).toBeNull();
        const error = decodeError(fixture('configmap-a'));
        expect(error.code).toBe(500);
        expect(error.message).toContain('needs the Kubernetes .proto files');
        expect(error.message).toContain(empty);
        expect(error.message).toContain('bash .ci/fetch-k8s-protos.sh');
        expect(error.message).toContain('KUBELAB_PROTO_DIR');
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('has a command and an expected object for every captured body', () => {
    const files = readdirSync(TESTDATA);
    const bodies = files.filter((f) => f.endsWith('.bin')).map((f) => f.slice(0, -'.bin'.length));
    expect(bodies.sort()).toEqual(Object.keys(cases).sort());
    for (const name of bodies) expect(files).toContain(`${name}.json`);
  });
});

describe.skipIf(protos === null)('protobuf request bodies, decoded with the Kubernetes schema', () => {
  it.each(Object.entries(cases))('%s: decodes what `%s` sent', (name) => {
    const decoded = decodeProtobufBody(fixture(name));
    expect(decoded).toEqual(expected(name));
    // Same fields in the same order as Go writes them.
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(expected(name)));
  });

  /** A root with the same schema, to encode bodies kubectl does not send. */
  function encoder() {
    const dir = protos ?? '';
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(dir, target));
    root.loadSync(
      [
        'k8s.io/apimachinery/pkg/runtime/generated.proto',
        'k8s.io/api/apps/v1/generated.proto',
        'k8s.io/api/coordination/v1/generated.proto',
      ].map((file) => path.join(dir, file)),
      { keepCase: true },
    );
    const encode = (typeName: string, object: Record<string, unknown>) => {
      const type = root.lookupType(typeName);
      return type.encode(type.fromObject(object)).finish();
    };
    const envelope = (apiVersion: string, kind: string, raw: Uint8Array) =>
      Buffer.concat([
        Buffer.from('k8s\0', 'latin1'),
        encode('k8s.io.apimachinery.pkg.runtime.Unknown', { typeMeta: { apiVersion, kind }, raw }),
      ]);
    return { encode, envelope };
  }

  it('rejects kinds, groups and versions it does not know', () => {
    const { encode, envelope } = encoder();
    const raw = encode('k8s.io.api.apps.v1.Deployment', { metadata: { name: 'd' } });
    for (const [apiVersion, kind] of [
      ['apps/v1', 'Frobnicator'],
      ['apps/v1', 'DeploymentSpec'],
      ['apps/v7', 'Deployment'],
      ['example.com/v1', 'Widget'],
      ['v1', 'Deployment'],
    ] as const) {
      const error = decodeError(envelope(apiVersion, kind, raw));
      expect(error.message).toBe(`no kind "${kind}" is registered for version "${apiVersion}"`);
      expect(error.code).toBe(400);
    }
    expect(decodeError(envelope('', 'Deployment', raw)).message).toContain("'apiVersion' is missing");
    expect(decodeError(envelope('apps/v1', '', raw)).message).toContain("'Kind' is missing");
  });

  it('rejects a truncated body', () => {
    const body = fixture('deployment-d');
    const error = decodeError(body.subarray(0, body.length - 20));
    expect(error.code).toBe(400);
    expect(error.message).toMatch(/^unable to decode /);
  });

  it('writes times as RFC 3339, keeps explicit zeros of pointer fields, and reads int64 and raw JSON', () => {
    const { encode, envelope } = encoder();
    const created = { seconds: 1_700_000_000, nanos: 5 };
    const lease = encode('k8s.io.api.coordination.v1.Lease', {
      metadata: { name: 'l', creationTimestamp: created, deletionGracePeriodSeconds: 0 },
      spec: {
        holderIdentity: '',
        leaseDurationSeconds: 0,
        renewTime: { seconds: 1_700_000_000, nanos: 123_456_789 },
      },
    });
    expect(decodeProtobufBody(envelope('coordination.k8s.io/v1', 'Lease', lease))).toEqual({
      kind: 'Lease',
      apiVersion: 'coordination.k8s.io/v1',
      metadata: { name: 'l', creationTimestamp: '2023-11-14T22:13:20Z', deletionGracePeriodSeconds: 0 },
      spec: { holderIdentity: '', leaseDurationSeconds: 0, renewTime: '2023-11-14T22:13:20.123456Z' },
    });

    const revision = encode('k8s.io.api.apps.v1.ControllerRevision', {
      metadata: { name: 'r' },
      data: { raw: Buffer.from('{"spec":{"replicas":2}}') },
      revision: Number.MAX_SAFE_INTEGER,
    });
    expect(decodeProtobufBody(envelope('apps/v1', 'ControllerRevision', revision))).toEqual({
      kind: 'ControllerRevision',
      apiVersion: 'apps/v1',
      metadata: { name: 'r', creationTimestamp: null },
      data: { spec: { replicas: 2 } },
      revision: Number.MAX_SAFE_INTEGER,
    });
  });
});

/**
 * `/openapi/v2`, which kubectl asks for (as gnostic protobuf) only when a kind's
 * group-version is missing from /openapi/v3 — that is, for kinds this cluster does not serve.
 * The document it gets says so: a valid Swagger 2.0 document with no definitions, so kubectl
 * goes on to report the kind as unknown ("no matches for kind ..."), as it does against a real
 * cluster. Kinds the cluster serves are described by /openapi/v3. kubectl asks for gnostic's
 * protobuf encoding; the answer is sent as application/octet-stream, as kube-apiserver does.
 */
import protobuf from 'protobufjs';

/** gnostic openapi_v2.Document field numbers: swagger = 1, info = 2; Info: title = 1, version = 2. */
export function openApiV2Document(version: string): Uint8Array {
  const info = protobuf.Writer.create()
    .uint32((1 << 3) | 2)
    .string('Kubernetes')
    .uint32((2 << 3) | 2)
    .string(version)
    .finish();
  return protobuf.Writer.create()
    .uint32((1 << 3) | 2)
    .string('2.0')
    .uint32((2 << 3) | 2)
    .bytes(info)
    .finish();
}

/**
 * Decoding of Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`),
 * which kubectl's typed commands (`kubectl create deployment|configmap|secret|...`) send.
 *
 * A body is the magic `k8s\0` followed by a `runtime.Unknown` envelope whose `typeMeta` names
 * the object's apiVersion and kind and whose `raw` bytes are the object, encoded with the
 * group's `generated.proto` schema. Decoding turns it into the JSON object a JSON client
 * would have sent for the same command, so the apiserver only ever sees JSON.
 *
 * Two things come from the upstream Kubernetes v1.32 sources (fetched by
 * `.ci/fetch-k8s-protos.sh`, never bundled):
 * - the `generated.proto` files: the wire schema;
 * - the Go struct definitions next to them (types.go): the JSON shape. kubectl's Go client
 *   writes every non-pointer field, so a decoded object is full of "", 0 and false; Go's
 *   encoding/json drops those only for `omitempty` fields, keeps them for pointer fields
 *   (`replicas: 0` is not "unset"), always writes non-pointer structs (`resources: {}`),
 *   inlines some structs (a Volume's source, an IngressRule's `http`) and renames a few fields
 *   (`Expression` -> `expression`). The struct tags say which is which, field by field.
 */
import { MAGIC, ProtobufDecodeError } from './errors';
import { decodeEnvelope } from './convert';
import { schema } from './schema';

export { isProtobuf, ProtobufDecodeError } from './errors';
export { protoDirectory } from './files';

/** Decodes a protobuf body into the JSON object it encodes. */
export function decodeProtobufBody(raw: Buffer): unknown {
  if (raw.length < MAGIC.length || !raw.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new ProtobufDecodeError(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
  }
  return decodeEnvelope(schema(), raw);
}

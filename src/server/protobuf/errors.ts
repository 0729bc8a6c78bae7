/** The protobuf envelope's content type check, magic prefix and decode error. */

/** Whether a Content-Type names the Kubernetes protobuf encoding. */
export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim() === 'application/vnd.kubernetes.protobuf';
}

/** The envelope's magic prefix: `k8s\0`. */
export const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/**
 * A body that cannot be decoded. `code` is the HTTP status that fits: 400 for a malformed or
 * unknown object, 500 when this server lacks the schema files.
 */
export class ProtobufDecodeError extends Error {
  constructor(
    message: string,
    readonly code: 400 | 500 = 400,
  ) {
    super(message);
    this.name = 'ProtobufDecodeError';
  }
}

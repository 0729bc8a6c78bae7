/**
 * For tests that need the fetched Go API sources: the proto directory, or null (with a printed
 * reason) on a machine without them. Under CI their absence is an error, as for the protobuf
 * suite.
 */
import { protoDirectory } from '../protobuf';

export function goSourcesOrSkip(suite: string): string | null {
  const dir = protoDirectory();
  if (dir !== null) return dir;
  const reason =
    'the Kubernetes Go API sources are missing (run `bash .ci/fetch-k8s-protos.sh`, or set KUBELAB_PROTO_DIR)';
  if (process.env.CI === 'true') throw new Error(`${reason}; they are required under CI`);
  console.warn(`skipping ${suite}: ${reason}`);
  return null;
}

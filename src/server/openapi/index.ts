/**
 * OpenAPI v3 component schemas generated from the Kubernetes Go API types (k8s.io/api and
 * k8s.io/apimachinery, fetched by `.ci/fetch-k8s-protos.sh`), the way upstream's openapi-gen
 * generates kube-apiserver's: the Node server hands them to the simulated apiserver, which
 * serves them to `kubectl explain` and uses their merge keys for strategic merge patches.
 *
 * Pipeline: {@link lex} -> {@link parseGoFile} (declarations and doc comments) ->
 * {@link generateSchemas} (definitions, properties, defaults, x-kubernetes-* extensions).
 */
import { protoDirectory } from '../protobuf';
import { loadOpenApiSchemas } from './load';
import type { Schema } from './typeschema';

export { generateSchemas, type GeneratedSchemas } from './generator';
export { parseGoFile } from './goparse';
export { lex } from './lexer';
export { loadOpenApiSchemas, readGoPackages } from './load';

/** What the server starts with: the schemas (if the Go sources are there) and a line to log. */
export interface ServedSchemas {
  readonly schemas: Readonly<Record<string, Schema>> | undefined;
  readonly message: string;
}

/** Generates the schemas from the proto directory, or explains why the server goes without. */
export function schemasForServer(): ServedSchemas {
  const dir = protoDirectory();
  if (dir === null)
    return {
      schemas: undefined,
      message:
        'OpenAPI: no Kubernetes Go API types found (run `bash .ci/fetch-k8s-protos.sh` or set KUBELAB_PROTO_DIR); ' +
        'serving placeholder schemas, so `kubectl explain` shows no fields',
    };
  const started = performance.now();
  let generated: ReturnType<typeof loadOpenApiSchemas>;
  try {
    generated = loadOpenApiSchemas(dir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      schemas: undefined,
      message: `OpenAPI: cannot read the Go API types (${reason}); serving placeholder schemas`,
    };
  }
  const { schemas, warnings } = generated;
  const ms = Math.round(performance.now() - started);
  const note =
    warnings.length === 0 ? '' : ` (${warnings.length} unresolved: ${warnings.slice(0, 3).join('; ')})`;
  return {
    schemas,
    message: `OpenAPI: ${Object.keys(schemas).length} schemas generated from the Go API types in ${dir} in ${ms} ms${note}`,
  };
}

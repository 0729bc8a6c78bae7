/** Decoding request bodies and negotiating response formats, as kube-apiserver's serializers do. */
import { YAML11_SCHEMA, load } from 'js-yaml';
import { badRequest, tooLarge, unsupportedMediaType } from './status';
import type { ApiRequest } from './types';

/** kube-apiserver's limit on a request body: 3 MiB. */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

/** The media type of a request's body, without parameters. */
export function contentTypeOf(req: ApiRequest): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Parses a JSON or YAML request body. `json` decodes as strict JSON, like upstream's JSON
 * serializer; `yaml` (application/yaml, and apply patches) is converted to JSON first.
 */
export function decodeBody(req: ApiRequest, as: 'json' | 'yaml' = 'json'): unknown {
  const body = req.body ?? '';
  if (body.length > MAX_REQUEST_BYTES) throw tooLarge(MAX_REQUEST_BYTES);
  if (body.trim() === '') throw badRequest("Object 'Kind' is missing in ''");
  if (as === 'yaml') {
    try {
      // Kubernetes decodes YAML as YAML 1.1 (go-yaml v2 via sigs.k8s.io/yaml): `yes` is a boolean.
      return load(body, { schema: YAML11_SCHEMA });
    } catch (error) {
      throw badRequest(`error converting YAML to JSON: ${(error as Error).message.split('\n')[0] ?? ''}`);
    }
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw badRequest(`couldn't get version/kind; json parse error: ${jsonErrorText(error)}`);
  }
}

function jsonErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^JSON\.parse: /, '');
}

/** Decodes the body of a create or update according to its Content-Type. */
export function decodeObjectBody(req: ApiRequest): unknown {
  const type = contentTypeOf(req);
  if (type === 'application/json' || type === '*/*' || type === '') return decodeBody(req, 'json');
  if (type === 'application/yaml') return decodeBody(req, 'yaml');
  throw unsupportedMediaType();
}

/** Whether the client asked for a `Table` (as `kubectl get` does) rather than the objects. */
export function wantsTable(req: ApiRequest): boolean {
  const accept = req.headers.accept ?? '';
  const first = accept.split(',')[0] ?? '';
  const params = first.split(';').map((p) => p.trim());
  return params.includes('as=Table') && params.includes('g=meta.k8s.io');
}

/** The first value of a query parameter. */
export function queryParam(req: ApiRequest, name: string): string | undefined {
  return req.query[name]?.[0];
}

/** A boolean query parameter: `true`/`1` (and bare presence for some clients). */
export function queryFlag(req: ApiRequest, name: string): boolean {
  const v = queryParam(req, name);
  return v === 'true' || v === '1';
}

/**
 * The apiserver's patch engines: what `PATCH` does to the stored object for each content type
 * kube-apiserver v1.32 accepts (server-side apply aside):
 *
 * - `application/json-patch+json`: {@link applyJsonPatch} (RFC 6902),
 * - `application/merge-patch+json`: {@link applyMergePatch} (RFC 7386),
 * - `application/strategic-merge-patch+json`: {@link applyStrategicMergePatch}, guided by a
 *   {@link PatchSchema} built with {@link patchSchemaFromOpenAPI}, or for built-in kinds
 *   without OpenAPI schemas with {@link builtinPatchSchema} (a generated table).
 *
 * Inputs are never mutated; each call returns a new object. Failures throw {@link PatchError}
 * carrying the status code and message the real apiserver answers with.
 */

export type { PatchSchema } from './schema';
export { PatchError } from './errors';
export type { PatchErrorStatus } from './errors';
export { applyJsonPatch } from './jsonpatch';
export { applyMergePatch } from './mergepatch';
export { applyStrategicMergePatch } from './strategic';
export { patchSchemaFromOpenAPI } from './openapi';
export { builtinPatchSchema } from './builtin';
export type { PatchMetaField, PatchMetaTable } from './builtin';

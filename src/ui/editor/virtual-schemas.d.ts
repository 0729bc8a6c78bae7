/**
 * The Kubernetes JSON Schemas generated at build time (src/server/editor-schemas.ts, a Vite
 * plugin): null when the build had no Kubernetes Go API sources.
 */
declare module 'virtual:kubelab/k8s-schemas' {
  import type { SchemaBundle } from './schemas';

  const bundle: SchemaBundle | null;
  export default bundle;
}

/**
 * The Vite plugin that gives the YAML editor its Kubernetes JSON Schemas: it serves the
 * virtual module `virtual:kubelab/k8s-schemas`, generated once per build from the Go API
 * types by editor-schemas.ts (loaded through Vite's module runner, so the config itself stays
 * small), or `null` when this machine has no Go sources.
 */
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';
import type * as Generator from './editor-schemas';

/** The id the editor imports the bundle by. */
export const EDITOR_SCHEMAS_MODULE = 'virtual:kubelab/k8s-schemas';
const RESOLVED_ID = `\0${EDITOR_SCHEMAS_MODULE}`;
const GENERATOR = fileURLToPath(new URL('./editor-schemas.ts', import.meta.url));

/** Serves {@link EDITOR_SCHEMAS_MODULE}. */
export function editorSchemas(): Plugin {
  let code: Promise<string> | null = null;
  const generate = async (log: (message: string) => void) => {
    const { module } = await runnerImport<typeof Generator>(GENERATOR, {
      configFile: false,
      logLevel: 'warn',
    });
    const { bundle, message } = module.loadEditorSchemaBundle();
    log(message);
    return `export default ${JSON.stringify(bundle)};\n`;
  };
  return {
    name: 'kubelab-editor-schemas',
    resolveId: (id) => (id === EDITOR_SCHEMAS_MODULE ? RESOLVED_ID : null),
    load(id) {
      if (id !== RESOLVED_ID) return null;
      code ??= generate((message) => this.info(message));
      return code;
    },
  };
}

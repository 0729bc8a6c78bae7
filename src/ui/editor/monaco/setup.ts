/**
 * Monaco with monaco-yaml, set up once for the page: the editor's and the YAML language's Web
 * Workers (bundled by Vite with `?worker`), the Kubernetes schemas (generated at build time,
 * see src/server/editor-schemas.ts) and a theme taken from the page's stylesheet. Only the
 * editor panel imports this module, so all of Monaco stays out of the first bundle.
 */
import { monaco } from './monaco';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import { documentSchema, type SchemaBundle } from '../schemas';
import YamlWorker from './yaml.worker?worker';

export { monaco };

/** The page's Monaco, and the schemas its YAML checks use (null without any). */
export interface MonacoKit {
  readonly monaco: typeof monaco;
  readonly schemas: SchemaBundle | null;
}

globalThis.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

/**
 * Monaco 0.55+ only creates a language worker from a Worker it is given, while monaco-yaml
 * (through monaco-worker-manager) still asks with a label and its `createData`. This starts
 * the worker the way Monaco's own language workers are started: a first message wakes it,
 * the second carries `createData`.
 */
function withWorkerFactory(): Parameters<typeof configureMonacoYaml>[0] {
  type LegacyOptions = { label?: string; createData?: unknown; host?: Record<string, () => unknown> };
  const createWebWorker = (options: LegacyOptions | monaco.editor.IInternalWebWorkerOptions) => {
    if ('worker' in options) return monaco.editor.createWebWorker(options);
    const worker = globalThis.MonacoEnvironment?.getWorker?.('workerMain.js', options.label ?? 'yaml');
    const started = Promise.resolve(worker ?? new YamlWorker()).then((w) => {
      w.postMessage('ignore');
      w.postMessage(options.createData);
      return w;
    });
    return monaco.editor.createWebWorker({
      worker: started,
      ...(options.host ? { host: options.host } : {}),
    });
  };
  return { ...monaco, editor: { ...monaco.editor, createWebWorker } } as unknown as Parameters<
    typeof configureMonacoYaml
  >[0];
}

/** The URI the schema is known by (never fetched: the schema is given inline). */
const SCHEMA_URI = 'kubelab:/schemas/kubernetes.json';

let kit: Promise<MonacoKit> | null = null;

/** Loads the schemas and configures monaco-yaml, once. */
export function loadMonaco(): Promise<MonacoKit> {
  kit ??= import('virtual:kubelab/k8s-schemas').then(({ default: schemas }) => {
    configureMonacoYaml(withWorkerFactory(), {
      enableSchemaRequest: false,
      hoverSchemaSource: false,
      completion: true,
      hover: true,
      validate: true,
      yamlVersion: '1.1',
      schemas:
        schemas === null ? [] : [{ uri: SCHEMA_URI, fileMatch: ['*'], schema: documentSchema(schemas) }],
    });
    return { monaco, schemas };
  });
  return kit;
}

/** A colour Monaco accepts (`#rrggbb`), or the fallback. */
const hex = (value: string, fallback: string) =>
  /^#[0-9a-f]{6}$/i.test(value.trim()) ? value.trim() : fallback;

/**
 * Defines the `kubelab` theme from the page's custom properties (src/ui/styles.css), on the
 * light or dark base as the page's colour scheme is, and returns its name.
 */
export function defineTheme(element: Element): string {
  const style = getComputedStyle(element);
  const light = style.colorScheme.includes('light') && !style.colorScheme.includes('dark');
  const css = (name: string, dark: string, bright: string) =>
    hex(style.getPropertyValue(name), light ? bright : dark);
  const background = css('--bg-panel', '#111720', '#ffffff');
  const raised = css('--bg-raised', '#131a24', '#f6f8fa');
  const accent = css('--accent', '#5b8def', '#2f5fd0');
  const border = css('--border-strong', '#33445c', '#d0d7de');
  monaco.editor.defineTheme('kubelab', {
    base: light ? 'vs' : 'vs-dark',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': background,
      'editor.foreground': css('--text', '#e6edf3', '#1f2328'),
      'editorGutter.background': background,
      'editorLineNumber.foreground': css('--text-faint', '#6b7a8f', '#8c959f'),
      'editorLineNumber.activeForeground': css('--text-dim', '#9aa7b8', '#57606a'),
      'editor.lineHighlightBackground': `${raised}`,
      'editor.lineHighlightBorder': `${raised}`,
      'editorCursor.foreground': accent,
      'editor.selectionBackground': `${accent}55`,
      'editor.inactiveSelectionBackground': `${accent}33`,
      'editorWidget.background': raised,
      'editorWidget.border': border,
      'editorHoverWidget.background': raised,
      'editorHoverWidget.border': border,
      'editorSuggestWidget.background': raised,
      'editorSuggestWidget.border': border,
      'editorSuggestWidget.selectedBackground': `${accent}44`,
      focusBorder: accent,
      'scrollbarSlider.background': `${border}88`,
    },
  });
  return 'kubelab';
}

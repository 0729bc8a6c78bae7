/**
 * monaco-yaml's language worker (yaml-language-server: validation, completion, hovers),
 * imported from a file of our own as monaco-yaml's documentation advises for Vite.
 */
import 'monaco-yaml/yaml.worker.js';

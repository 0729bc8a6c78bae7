/**
 * Loads the OpenAPI component schemas from the Go API sources that `.ci/fetch-k8s-protos.sh`
 * puts in the proto directory (`<dir>/k8s.io/api/...`, `<dir>/k8s.io/apimachinery/...`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GoFile } from './goast';
import { generateSchemas, type GeneratedSchemas } from './generator';
import { parseGoFile } from './goparse';

/** Reads and parses every non-test .go file under `dir`, grouped by import path (relative directory). */
export function readGoPackages(dir: string): Map<string, GoFile[]> {
  const packages = new Map<string, GoFile[]>();
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.go') && !e.name.endsWith('_test.go'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of files) {
    const pkg = path.relative(dir, path.dirname(file)).split(path.sep).join('/');
    let parsed: GoFile;
    try {
      parsed = parseGoFile(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const list = packages.get(pkg) ?? [];
    list.push(parsed);
    packages.set(pkg, list);
  }
  return packages;
}

/** Generates the OpenAPI v3 component schemas of every Go API package under `dir`. */
export function loadOpenApiSchemas(dir: string): GeneratedSchemas {
  return generateSchemas(readGoPackages(dir));
}

/** The loaded schema: proto messages (protobufjs) and their Go packages, loaded on first use. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import type { Type } from 'protobufjs';
import { configuredDirectory, missingSchemaError, packageDirOfName, protoDirectory } from './files';
import { parseGoSource, type GoPackage, type GoStruct } from './go-types';

/* ---------------------------------------------------------------- the loaded schema */

export class Schema {
  private readonly root = new protobuf.Root();
  private readonly goPackages = new Map<string, GoPackage>();

  constructor(readonly dir: string) {
    this.root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(dir, target));
  }

  /** The proto message `name` (fully qualified, leading dot) or null, loading its package's file if needed. */
  type(packageDir: string, name: string): Type | null {
    const file = path.join(this.dir, packageDir, 'generated.proto');
    if (!this.root.files.includes(file)) {
      if (!existsSync(file)) return null;
      this.root.loadSync(file, { keepCase: true });
      this.root.resolveAll();
    }
    const found = this.root.lookup(name);
    return found instanceof protobuf.Type ? found : null;
  }

  /** The Go package behind a proto message, parsed on first use. */
  goPackage(type: Type): GoPackage {
    const dir = packageDirOfName(type.parent?.fullName ?? '');
    let pkg = this.goPackages.get(dir);
    if (pkg === undefined) {
      pkg = { structs: new Map(), lists: new Set() };
      const abs = path.join(this.dir, dir);
      const files = existsSync(abs)
        ? readdirSync(abs).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
        : [];
      for (const file of files.sort()) parseGoSource(readFileSync(path.join(abs, file), 'utf8'), pkg);
      this.goPackages.set(dir, pkg);
    }
    return pkg;
  }

  goStruct(type: Type): GoStruct | undefined {
    return this.goPackage(type).structs.get(type.name);
  }
}

let loaded: Schema | null = null;

export function schema(): Schema {
  const dir = configuredDirectory();
  if (loaded?.dir === dir) return loaded;
  if (protoDirectory() !== dir) throw missingSchemaError(dir);
  loaded = new Schema(dir);
  return loaded;
}

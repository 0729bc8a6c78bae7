/**
 * The Table kube-apiserver serves for a custom resource with additionalPrinterColumns
 * (apiextensions' tableconvertor): NAME, then each column's simple JSON path; a path that
 * finds nothing is a null cell (kubectl prints `<none>`), a `date` column is the time since
 * the stamp.
 */
import { column } from '../apiserver/printers/columns';
import { since } from '../apiserver/printers/duration';
import type { Printer } from '../apiserver/printers/types';
import type { KubeObject } from '../apiserver/types';
import { FAULT_CRD } from './crd';

/** ObjectMeta's name description, which the custom resource table's NAME column carries. */
const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly jsonPath: string;
  readonly description?: string;
  readonly priority?: number;
}

/** Follows a simple JSON path such as `.status.phase`. */
function lookup(obj: unknown, jsonPath: string): unknown {
  let value = obj;
  for (const key of jsonPath.split('.').filter((k) => k !== '')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The printer for a CRD version's additionalPrinterColumns. */
export function customResourcePrinter(columns: readonly PrinterColumn[]): Printer {
  return {
    columns: [
      column('Name', 'string', NAME_DESCRIPTION, { format: 'name' }),
      ...columns.map((c) => column(c.name, c.type, c.description ?? '', { priority: c.priority ?? 0 })),
    ],
    print(obj: KubeObject, now: number) {
      const cells = columns.map((c) => {
        const value = lookup(obj, c.jsonPath);
        if (value === undefined || value === null) return null;
        if (c.type === 'date') return since(value, now);
        return typeof value === 'string' ? value : JSON.stringify(value);
      });
      return { cells: [obj.metadata.name ?? '', ...cells] };
    },
  };
}

/** `kubectl get faults`. */
export const faultPrinter = customResourcePrinter(FAULT_CRD.spec.versions[0].additionalPrinterColumns);

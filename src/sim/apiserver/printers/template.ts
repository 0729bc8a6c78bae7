/** Printers for objects that carry a pod template: the apps/v1 workloads, Jobs and CronJobs. */
import type { Container } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import {
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  NAME_COLUMN,
  SELECTOR_COLUMN,
  printer,
} from './columns';
import { since } from './duration';
import { containerCells } from './format';
import type { Printer, TableColumnDefinition } from './types';

/** What a pod-template printer prints of an object besides its name, age and containers. */
export interface TemplateView<T> {
  /** The kind's own columns, between Name and Age. */
  readonly columns: readonly TableColumnDefinition[];
  /** The cells of those columns. */
  readonly cells: (obj: T, now: number) => unknown[];
  /** The pod template's containers. */
  readonly containers: (obj: T) => readonly Container[] | undefined;
  /** The wide Selector cell; without it, the table has no Selector column. */
  readonly selector?: (obj: T) => string;
}

/**
 * A printer for a kind carrying a pod template, laid out as kubectl does: Name, the kind's own
 * columns, Age, then the wide Containers and Images (the template's container names and images)
 * and, when the view has one, the wide Selector.
 */
export function templatePrinter<T extends { metadata?: ObjectMeta }>(view: TemplateView<T>): Printer {
  const { selector } = view;
  const columns = [NAME_COLUMN, ...view.columns, AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN];
  if (selector) columns.push(SELECTOR_COLUMN);
  return printer<T>(columns, (obj, now) => {
    const [names, images] = containerCells(view.containers(obj));
    const cells = [
      obj.metadata?.name ?? '',
      ...view.cells(obj, now),
      since(obj.metadata?.creationTimestamp, now),
      names,
      images,
    ];
    if (selector) cells.push(selector(obj));
    return cells;
  });
}

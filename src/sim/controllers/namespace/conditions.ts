/**
 * The status conditions the namespace controller keeps on a terminating namespace
 * (upstream's namespaceConditionUpdater): each deletion pass turns what went wrong into
 * True conditions and sets the "ok" (False) variant of every other one, with upstream's
 * reasons and messages.
 */
import type { NamespaceCondition, NamespaceStatus } from 'kubernetes-types/core/v1';

/** The condition types the namespace controller maintains, in upstream's order. */
export const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

type ConditionType = (typeof CONDITION_TYPES)[number];

const OK: Record<ConditionType, { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: {
    reason: 'ResourcesDiscovered',
    message: 'All resources successfully discovered',
  },
  NamespaceDeletionGroupVersionParsingFailure: {
    reason: 'ParsedGroupVersions',
    message: 'All legacy kube types successfully parsed',
  },
  NamespaceDeletionContentFailure: {
    reason: 'ContentDeleted',
    message: 'All content successfully deleted, may be waiting on finalization',
  },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
};

/** Go's sort.Strings order (byte-wise), independent of locale. */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Collects what one deletion pass found, then writes it into a namespace's status. */
export class ConditionUpdater {
  readonly #conditions: NamespaceCondition[] = [];
  readonly #contentErrors: string[] = [];

  /** @param now the timestamp new conditions get as lastTransitionTime. */
  constructor(private readonly now: string) {}

  #add(type: ConditionType, reason: string, message: string): void {
    this.#conditions.push({ type, status: 'True', lastTransitionTime: this.now, reason, message });
  }

  /** Discovery failed: `groups` maps each failing group/version to its error, if that was the failure. */
  discoveryFailed(message: string, groups?: ReadonlyMap<string, string>): void {
    const text =
      groups === undefined ? message : `Discovery failed for some groups, ${groups.size} failing: ${message}`;
    this.#add('NamespaceDeletionDiscoveryFailure', 'DiscoveryFailed', text);
  }

  /** A discovered group/version did not parse. */
  groupVersionFailed(message: string): void {
    this.#add('NamespaceDeletionGroupVersionParsingFailure', 'GroupVersionParsingFailed', message);
  }

  /** Deleting one resource's content failed. */
  deleteContentFailed(message: string): void {
    this.#contentErrors.push(message);
  }

  /**
   * What is left: instances per resource (keyed `<resource>.<group>`) and per finalizer
   * holding them.
   */
  contentTotals(remaining: ReadonlyMap<string, number>, finalizers: ReadonlyMap<string, number>): void {
    const resources = [...remaining]
      .filter(([, n]) => n > 0)
      .map(([gr, n]) => `${gr} has ${n} resource instances`)
      .sort(byteOrder);
    if (remaining.size > 0) {
      this.#add(
        'NamespaceContentRemaining',
        'SomeResourcesRemain',
        `Some resources are remaining: ${resources.join(', ')}`,
      );
    }
    const held = [...finalizers]
      .filter(([, n]) => n > 0)
      .map(([f, n]) => `${f} in ${n} resource instances`)
      .sort(byteOrder);
    if (finalizers.size > 0) {
      this.#add(
        'NamespaceFinalizersRemaining',
        'SomeFinalizerRemain',
        `Some finalizers are remaining: ${held.join(', ')}`,
      );
    }
  }

  /** Writes the conditions into `status` (in place); true if anything changed. */
  update(status: NamespaceStatus): boolean {
    if (
      this.#contentErrors.length > 0 &&
      !this.#conditions.some((c) => c.type === 'NamespaceDeletionContentFailure')
    ) {
      const messages = [...this.#contentErrors].sort(byteOrder);
      this.#add(
        'NamespaceDeletionContentFailure',
        'ContentDeletionFailed',
        `Failed to delete all resource types, ${messages.length} remaining: ${messages.join(', ')}`,
      );
    }
    const conditions = [...(status.conditions ?? [])];
    let changed = false;
    for (const type of CONDITION_TYPES) {
      const next = this.#conditions.find((c) => c.type === type) ?? {
        type,
        status: 'False',
        lastTransitionTime: this.now,
        ...OK[type],
      };
      const i = conditions.findIndex((c) => c.type === type);
      const old = conditions[i];
      if (old === undefined) {
        conditions.push(next);
        changed = true;
      } else if (old.status !== next.status || old.reason !== next.reason || old.message !== next.message) {
        conditions[i] = {
          ...old,
          status: next.status,
          reason: next.reason,
          message: next.message,
          ...(old.status === next.status ? {} : { lastTransitionTime: this.now }),
        };
        changed = true;
      }
    }
    status.conditions = conditions;
    return changed;
  }
}

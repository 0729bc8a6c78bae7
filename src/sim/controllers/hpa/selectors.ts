/**
 * The HPA controller's check of a target's pod selector (upstream's validateAndParseSelector
 * and its selector store): the scale subresource must give one, it must parse, and the pods it
 * selects must not also be selected by another HPA's target.
 */
import { matchesLabels, parseLabelSelector, type LabelSelector } from '../../apiserver/selectors';
import type { Effects } from './compute';
import type { PodSelector } from './replica-calculator';
import type { PodObject } from './types';

export class HpaSelectors {
  /** The pod selector each HPA's target had at its last sync, by `namespace/name`. */
  readonly #selectors = new Map<string, LabelSelector>();

  constructor(
    /** Whether the HPA of a key still exists. */
    private readonly exists: (key: string) => boolean,
  ) {}

  /** The HPA is gone. */
  forget(key: string): void {
    this.#selectors.delete(key);
  }

  /**
   * The parsed selector of the HPA `key`'s target, given the pods of its namespace; or the
   * error, after its event and ScalingActive condition.
   */
  validate(
    key: string,
    text: string,
    pods: readonly PodObject[],
    effects: Effects,
  ): PodSelector | { error: string } {
    const fail = (reason: string, event: string, message: string, condition = message) => {
      effects.event('Warning', event, message);
      effects.setCondition({ type: 'ScalingActive', status: 'False', reason, message: condition });
      return { error: message };
    };
    if (text === '')
      return fail(
        'InvalidSelector',
        'SelectorRequired',
        'selector is required',
        "the HPA target's scale is missing a selector",
      );
    let parsed: LabelSelector;
    try {
      parsed = parseLabelSelector(text);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return fail(
        'InvalidSelector',
        'InvalidSelector',
        `couldn't convert selector into a corresponding internal selector object: ${why}`,
      );
    }
    this.#selectors.set(key, parsed);
    const namespace = key.slice(0, key.indexOf('/') + 1);
    const selected = pods.filter((p) => matchesLabels(parsed, p.metadata.labels));
    const controlling = [...this.#selectors]
      .filter(([k]) => k.startsWith(namespace) && this.exists(k))
      .filter(([, s]) => selected.some((p) => matchesLabels(s, p.metadata.labels)))
      .map(([k]) => k)
      .sort();
    if (controlling.length > 1) {
      const message = `pods by selector ${text} are controlled by multiple HPAs: [${controlling.join(' ')}]`;
      return fail('AmbiguousSelector', 'AmbiguousSelector', message);
    }
    return { text, parsed };
  }
}

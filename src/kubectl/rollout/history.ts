/**
 * The revisions of a rollout, as kubectl's history viewers and rollbacker find them: a
 * deployment's are the replica sets it controls (revision in their
 * `deployment.kubernetes.io/revision` annotation), a daemon set's or stateful set's the
 * controller revisions it owns. Each revision's pod template prints as `describe` does.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../sim/apiserver/types';
import type { CommandContext } from '../cmd/types';
import { describePodTemplate } from '../describe/pod';
import { alignColumns } from '../describe/tabwriter';
import type { PrefixWriter } from '../describe/writer';
import { resourcePath } from '../resource/paths';
import { revisionOf } from './status';

/** The annotation recording why a revision was made. */
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** One revision: its number, pod template and the object holding it. */
export interface Revision {
  readonly revision: number;
  readonly template: PodTemplateSpec;
  readonly source: KubeObject;
}

const APPS = {
  group: 'apps',
  version: 'v1',
  singularName: '',
  verbs: [],
  shortNames: [],
  categories: [],
  namespaced: true,
};

/** Whether `object` is controlled by `owner`. */
const controlledBy = (object: KubeObject, owner: KubeObject) =>
  (object.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === owner.metadata.uid);

/** The equality selector of an object's `spec.selector.matchLabels`, as a query. */
function selectorOf(object: KubeObject): string {
  const selector = (object.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)
    ?.selector;
  return Object.entries(selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

async function list(
  ctx: CommandContext,
  name: string,
  kind: string,
  owner: KubeObject,
): Promise<KubeObject[]> {
  const mapping = { ...APPS, name, kind };
  const body = await ctx.client().json<{ items?: KubeObject[] }>({
    path: resourcePath(mapping, owner.metadata.namespace ?? ''),
    query: { labelSelector: [selectorOf(owner)] },
    target: { group: 'apps', resource: name },
  });
  return (body.items ?? []).filter((item) => controlledBy(item, owner));
}

/** The revisions of a deployment, daemon set or stateful set, by number. */
export async function revisionsOf(ctx: CommandContext, object: KubeObject): Promise<Map<number, Revision>> {
  const out = new Map<number, Revision>();
  if (object.kind === 'Deployment') {
    for (const rs of await list(ctx, 'replicasets', 'ReplicaSet', object)) {
      const template = structuredClone(
        (rs.spec as { template?: PodTemplateSpec } | undefined)?.template ?? {},
      );
      const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
      template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations } };
      if (cause !== undefined && cause !== '')
        (template.metadata.annotations as Record<string, string>)[CHANGE_CAUSE] = cause;
      out.set(revisionOf(rs), { revision: revisionOf(rs), template, source: rs });
    }
    return out;
  }
  for (const cr of await list(ctx, 'controllerrevisions', 'ControllerRevision', object)) {
    const revision = (cr as { revision?: number }).revision ?? 0;
    const data = (cr as { data?: { spec?: { template?: PodTemplateSpec } } }).data;
    out.set(revision, { revision, template: data?.spec?.template ?? {}, source: cr });
  }
  return out;
}

/** A writer without column alignment (kubectl prints a revision's template straight to a buffer). */
class RawWriter implements PrefixWriter {
  text = '';
  write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text;
  }
  line(text: string): void {
    this.text += `${text}\n`;
  }
  flush(): void {}
}

/** A pod template as `rollout history --revision` prints it. */
export function printTemplate(template: PodTemplateSpec): string {
  const w = new RawWriter();
  describePodTemplate(template, w);
  return w.text;
}

/** The `REVISION  CHANGE-CAUSE` overview, or the template of one revision. */
export function viewHistory(revisions: Map<number, Revision>, revision: number): string {
  if (revisions.size === 0) return 'No rollout history found.';
  if (revision > 0) {
    const found = revisions.get(revision);
    if (found === undefined) throw new Error('unable to find the specified revision');
    return printTemplate(found.template);
  }
  let text = 'REVISION\tCHANGE-CAUSE\n';
  for (const r of [...revisions.keys()].sort((a, b) => a - b)) {
    const entry = revisions.get(r) as Revision;
    const cause =
      entry.source.kind === 'ReplicaSet'
        ? entry.template.metadata?.annotations?.[CHANGE_CAUSE]
        : entry.source.metadata.annotations?.[CHANGE_CAUSE];
    text += `${r}\t${cause === undefined || cause === '' ? '<none>' : cause}\n`;
  }
  return alignColumns(text);
}

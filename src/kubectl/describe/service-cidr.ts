/** ServiceCIDRs and IPAddresses (networking.k8s.io, the service IP allocator's objects). */
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, eventsFor, targetOf } from './events';
import { printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './format';
import type { DescribeContext } from './index';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './writer';

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

interface ServiceCIDR {
  spec?: { cidrs?: string[] };
  status?: { conditions?: Condition[] };
}

interface IPAddress {
  spec?: { parentRef?: { group?: string; resource?: string; namespace?: string; name?: string } };
}

function writeHeader(w: DescribeWriter, obj: KubeObject): void {
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
}

/** Describes a ServiceCIDR: its ranges and conditions. */
export async function describeServiceCIDR(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const cidr = obj as unknown as ServiceCIDR;
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  writeHeader(w, obj);
  w.write(LEVEL_0, `CIDRs:\t${(cidr.spec?.cidrs ?? []).join(', ')}\n`);
  const conditions = cidr.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Status:\n');
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        LEVEL_1,
        `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`,
      );
    }
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Describes an IPAddress: the object it is allocated to. */
export async function describeIPAddress(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const ip = obj as unknown as IPAddress;
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  writeHeader(w, obj);
  const ref = ip.spec?.parentRef;
  if (ref) {
    w.write(LEVEL_0, 'Parent Reference:\n');
    w.write(LEVEL_1, `Group:\t${ref.group ?? ''}\n`);
    w.write(LEVEL_1, `Resource:\t${ref.resource ?? ''}\n`);
    w.write(LEVEL_1, `Namespace:\t${ref.namespace ?? ''}\n`);
    w.write(LEVEL_1, `Name:\t${ref.name ?? ''}\n`);
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

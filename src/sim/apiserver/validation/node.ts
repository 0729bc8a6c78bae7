/**
 * Nodes: taints, resource quantities, and pod CIDRs and provider IDs that are set once.
 */
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { Path, duplicate, forbidden, invalid } from './field';
import { GoValue, goPointer, goQuote, goStringSlice } from './gofmt';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from './names';
import { parseCIDR, validateCIDR } from './net';
import { validateTaintEffect } from './podsched';
import { readQuantity, validateQuantityValue } from './resources';
import { arr, rec, str } from './util';

function nodeTaints(taints: unknown): FieldError[] {
  // Upstream builds this path from "metadata", so taint errors read metadata.taints[i].
  const at = Path.of('metadata', 'taints');
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr<Record<string, unknown>>(taints).forEach((t, i) => {
    const p = at.index(i);
    const key = str(t?.['key']);
    const value = str(t?.['value']);
    const effect = str(t?.['effect']);
    for (const m of isQualifiedName(key)) errs.push(invalid(p.child('key'), key, m));
    const msgs = isValidLabelValue(value);
    if (msgs.length) errs.push(invalid(p.child('value'), value, msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, p.child('effect')));
    if (seen.has(`${effect}\u0000${key}`)) {
      const printed = new GoValue(
        `core.Taint{Key:${goQuote(key)}, Value:${goQuote(value)}, Effect:${goQuote(effect)}, TimeAdded:${goPointer('v1.Time', t?.['timeAdded'] !== undefined)}}`,
      );
      errs.push({ ...duplicate(p, printed), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    seen.add(`${effect}\u0000${key}`);
  });
  return errs;
}

function nodeResources(node: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['capacity', 'allocatable']) {
    for (const [k, v] of Object.entries(rec(rec(node['status'])[list]))) {
      const q = readQuantity(v);
      if (q) errs.push(...validateQuantityValue(k, q, Path.of('status', list, k)));
    }
  }
  return errs;
}

/** ValidateNode */
export function validateNode(node: KubeObject): FieldError[] {
  const errs = [
    ...validateObjectMeta(node.metadata, false, nameIsDNSSubdomain),
    ...nodeTaints(rec(node['spec'])['taints']),
    ...nodeResources(node),
  ];
  const cidrs = arr<string>(rec(node['spec'])['podCIDRs']);
  const p = Path.of('spec', 'podCIDRs');
  cidrs.forEach((c, i) => errs.push(...validateCIDR(p.index(i), str(c))));
  if (cidrs.length > 1) {
    const families = cidrs.map((c) => (parseCIDR(str(c))?.width === 128 ? 6 : 4));
    if (cidrs.length > 2 || families[0] === families[1])
      errs.push(invalid(p, goStringSlice(cidrs), 'may specify no more than one CIDR for each IP family'));
    cidrs.forEach((c, i) => {
      if (cidrs.indexOf(c) < i) errs.push(duplicate(p.index(i), c));
    });
  }
  return errs;
}

/** ValidateNodeUpdate: podCIDRs and providerID may only go from unset to set. */
export function validateNodeUpdate(node: KubeObject, old: KubeObject): FieldError[] {
  const spec = rec(node['spec']);
  const oldSpec = rec(old['spec']);
  const errs = [...validateObjectMetaUpdate(node.metadata, old.metadata), ...nodeResources(node)];
  const oldCIDRs = arr<string>(oldSpec['podCIDRs']);
  const cidrs = arr<string>(spec['podCIDRs']);
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== cidrs.length) errs.push(forbidden(Path.of('spec', 'podCIDRs'), cidrMsg));
    else
      oldCIDRs.forEach(
        (c, i) => c !== cidrs[i] && errs.push(forbidden(Path.of('spec', 'podCIDRs'), cidrMsg)),
      );
  }
  if (str(oldSpec['providerID']) && oldSpec['providerID'] !== spec['providerID']) {
    errs.push(
      forbidden(
        Path.of('spec', 'providerID'),
        'node updates may not change providerID except from "" to valid',
      ),
    );
  }
  errs.push(...nodeTaints(spec['taints']));
  return errs;
}

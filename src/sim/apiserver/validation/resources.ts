/**
 * Compute resource names and quantities: container requests and limits, and the resource
 * lists of quotas, PVCs and nodes (upstream's validateResourceRequirements and friends).
 */
import type { FieldError, Path } from './field';
import { forbidden, invalid, required } from './field';
import { GoValue } from './gofmt';
import { isQualifiedName } from './names';
import type { Quantity } from './quantity';
import {
  compareQuantity,
  formatQuantity,
  isQuantityError,
  parseQuantity,
  quantityMilliValue,
} from './quantity';
import { rec } from './util';

/** Parses a quantity from decoded JSON; undefined when it does not parse (a decode error upstream). */
export function readQuantity(v: unknown): Quantity | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const q = parseQuantity(typeof v === 'string' ? v.trim() : v);
  return isQuantityError(q) ? undefined : q;
}

const STANDARD_CONTAINER = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** Resources counted in whole objects: their quantities must be integers. */
const INTEGER = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);
/** The standard resource names: compute resources (plain, requests.* and limits.*), storage and object counts. */
export const STANDARD_RESOURCES: ReadonlySet<string> = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'storage',
  'requests.storage',
  ...INTEGER,
]);

const isHugePages = (n: string): boolean => n.startsWith('hugepages-');
/** IsNativeResource: unprefixed or in the kubernetes.io namespace. */
export const isNativeResource = (n: string): boolean => !n.includes('/') || n.includes('kubernetes.io/');
/** IsExtendedResourceName: a prefixed, non-native, qualified name such as `example.com/gpu`. */
export const isExtendedResource = (n: string): boolean =>
  !isNativeResource(n) && !n.startsWith('requests.') && isQualifiedName('requests.' + n).length === 0;
const isOvercommitAllowed = (n: string): boolean => isNativeResource(n) && !isHugePages(n);
const isStandard = (n: string): boolean => STANDARD_RESOURCES.has(n) || isHugePages(n);

/** validateResourceName: qualified, and standard when unprefixed. */
export function validateResourceName(name: string, at: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(at, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandard(name)) {
    errs.push(invalid(at, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

function validateContainerResourceName(name: string, at: Path): FieldError[] {
  const errs = validateResourceName(name, at);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER.has(name) && !isHugePages(name)) {
      errs.push(invalid(at, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResource(name)) {
    errs.push(invalid(at, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** How upstream prints a resource.Quantity value (it has no value-receiver String method). */
function goQuantity(q: Quantity): GoValue {
  const s = formatQuantity(q);
  return new GoValue(
    `resource.Quantity{i:resource.int64Amount{value:${q.nanos}, scale:-9}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"${s}", Format:"${q.format}"}`,
  );
}

/** ValidateResourceQuantityValue: non-negative, and whole for integer resources. */
export function validateQuantityValue(resource: string, q: Quantity, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (q.nanos < 0n) errs.push(invalid(at, formatQuantity(q), 'must be greater than or equal to 0'));
  if ((INTEGER.has(resource) || isExtendedResource(resource)) && quantityMilliValue(q) % 1000n !== 0n) {
    errs.push(invalid(at, goQuantity(q), 'must be an integer'));
  }
  return errs;
}

/** A container's (or pod overhead's) `resources`: names, values, and requests <= limits. */
export function validateResourceRequirements(requirements: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const r = rec(requirements);
  const limits = rec(r['limits']);
  const requests = rec(r['requests']);
  const limPath = at.child('limits');
  const reqPath = at.child('requests');
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, raw] of Object.entries(limits)) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = readQuantity(raw);
    if (q) errs.push(...validateQuantityValue(name, q, p));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, raw] of Object.entries(requests)) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = readQuantity(raw);
    if (q) errs.push(...validateQuantityValue(name, q, p));
    const limit = Object.prototype.hasOwnProperty.call(limits, name) ? readQuantity(limits[name]) : undefined;
    if (q && limit) {
      const cmp = compareQuantity(q, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(
          invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(limit)}`),
        );
      } else if (cmp > 0) {
        errs.push(
          invalid(
            reqPath,
            formatQuantity(q),
            `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`,
          ),
        );
      }
    } else if (!Object.prototype.hasOwnProperty.call(limits, name) && !isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(forbidden(at, 'HugePages require cpu or memory'));
  return errs;
}

/**
 * Services (upstream's ValidateService and ValidateServiceUpdate). The spec is first
 * normalized the way the service registry does before validating: defaults applied,
 * clusterIPs synced from clusterIP, allocated values kept on update, and type-dependent
 * fields dropped when the type changes.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { FieldError } from './field';
import { Path, duplicate, forbidden, invalid, notSupported, required } from './field';
import { GoValue, goIntOrString, goPointer, goQuote, goStringSlice } from './gofmt';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortNum,
  nameIsDNS1035Label,
} from './names';
import { isIPv6, validateCIDR, validateIP } from './net';
import { validatePortNumOrName } from './probes';
import { arr, num, rec, str } from './util';

const SPEC = Path.of('spec');
/** The apiserver's default --service-node-port-range. */
export const NODE_PORT_RANGE = { base: 30000, size: 2768 };
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

import type { Spec } from './servicespec';
import {
  externallyAccessible,
  isHeadless,
  needsClusterIP,
  needsHealthCheck,
  needsNodePort,
  normalizeServiceSpec,
} from './servicespec';

function goServicePort(protocol: string, port: number): GoValue {
  return new GoValue(
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:${goPointer('string', false)}, Port:${port}, TargetPort:${goIntOrString(0).text}, NodePort:0}`,
  );
}

function validateServicePort(
  p: ServicePort,
  requireName: boolean,
  names: Set<string>,
  at: Path,
): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(p.name);
  if (requireName && !name) errs.push(required(at.child('name')));
  else if (name) {
    errs.push(...isDNS1123Label(name).map((m) => invalid(at.child('name'), name, m)));
    if (names.has(name)) errs.push(duplicate(at.child('name'), name));
    else names.add(name);
  }
  const port = num(p.port) ?? 0;
  errs.push(...isValidPortNum(port).map((m) => invalid(at.child('port'), port, m)));
  if (!PROTOCOLS.includes(str(p.protocol)))
    errs.push(notSupported(at.child('protocol'), str(p.protocol), PROTOCOLS));
  errs.push(...validatePortNumOrName(p.targetPort, at.child('targetPort')));
  if (typeof p.appProtocol === 'string') {
    errs.push(
      ...isQualifiedName(p.appProtocol).map((m) => invalid(at.child('appProtocol'), p.appProtocol, m)),
    );
  }
  return errs;
}

function validateClusterIPs(s: Spec): FieldError[] {
  if (s.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ipsPath = SPEC.child('clusterIPs');
  const ips = s.clusterIPs;
  if (s.clusterIP) {
    if (ips.length === 0) errs.push(required(ipsPath));
    else if (ips[0] !== s.clusterIP)
      errs.push(invalid(ipsPath, goStringSlice(ips), 'first value must match `clusterIP`'));
  } else if (ips.length > 0) {
    errs.push(invalid(ipsPath, goStringSlice(ips), 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  arr<string>(s.ipFamilies).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6')
      errs.push(notSupported(SPEC.child('ipFamilies').index(i), f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(duplicate(SPEC.child('ipFamilies').index(i), f));
    seen.add(f);
  });
  const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
  if (typeof s.ipFamilyPolicy === 'string' && !policies.includes(s.ipFamilyPolicy)) {
    errs.push(notSupported(SPEC.child('ipFamilyPolicy'), s.ipFamilyPolicy, policies));
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalid(ipsPath, goStringSlice(ips), "'None' must be the first and only value"));
      }
      return;
    }
    const e = validateIP(ipsPath.index(i), ip);
    if (e.length) badIPs = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(invalid(ipsPath, goStringSlice(ips), 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (ips.length > 1 && isIPv6(ips[0] ?? '') === isIPv6(ips[1] ?? '')) {
    errs.push(invalid(ipsPath, goStringSlice(ips), 'may specify no more than one IP for each IP family'));
  }
  return errs;
}

/** ValidateService, on a normalized spec. */
function validateServiceSpec(s: Spec): FieldError[] {
  const errs: FieldError[] = [];
  const headless = isHeadless(s);
  if (s.ports.length === 0 && !headless && s.type !== 'ExternalName')
    errs.push(required(SPEC.child('ports')));
  if ((s.type === 'LoadBalancer' || s.type === 'NodePort') && headless) {
    errs.push(
      invalid(SPEC.child('clusterIPs').index(0), 'None', `may not be set to 'None' for ${s.type} services`),
    );
  }
  if (s.type === 'ExternalName') {
    if (s.clusterIPs.length > 0)
      errs.push(forbidden(SPEC.child('clusterIPs'), 'may not be set for ExternalName services'));
    if (arr(s.ipFamilies).length > 0)
      errs.push(forbidden(SPEC.child('ipFamilies'), 'may not be set for ExternalName services'));
    if (s.ipFamilyPolicy)
      errs.push(forbidden(SPEC.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
    const cname = str(s.externalName).replace(/\.$/, '');
    if (cname)
      errs.push(...isDNS1123Subdomain(cname).map((m) => invalid(SPEC.child('externalName'), cname, m)));
    else errs.push(required(SPEC.child('externalName')));
  }
  const names = new Set<string>();
  s.ports.forEach((p, i) =>
    errs.push(...validateServicePort(p, s.ports.length > 1, names, SPEC.child('ports').index(i))),
  );
  if (s.selector) errs.push(...validateLabels(s.selector, SPEC.child('selector')));
  const affinity = str(s.sessionAffinity);
  if (affinity !== 'ClientIP' && affinity !== 'None')
    errs.push(notSupported(SPEC.child('sessionAffinity'), affinity, ['ClientIP', 'None']));
  const timeout = num(rec(rec(s.sessionAffinityConfig)['clientIP'])['timeoutSeconds']);
  if (affinity === 'ClientIP' && timeout !== undefined && (timeout <= 0 || timeout > 86400)) {
    const p = SPEC.child('sessionAffinityConfig', 'clientIP', 'timeoutSeconds');
    errs.push(invalid(p, timeout, 'must be greater than 0 and less than 86400'));
  } else if (affinity === 'None' && s.sessionAffinityConfig) {
    errs.push(
      forbidden(SPEC.child('sessionAffinityConfig'), 'must not be set when session affinity is None'),
    );
  }
  errs.push(...validateClusterIPs(s));
  arr<string>(s.externalIPs).forEach((ip, i) =>
    errs.push(...validateIP(SPEC.child('externalIPs').index(i), str(ip))),
  );
  if (!TYPES.includes(str(s.type))) errs.push(notSupported(SPEC.child('type'), str(s.type), TYPES));
  if (s.type === 'ClusterIP') {
    s.ports.forEach((p, i) => {
      if (num(p.nodePort))
        errs.push(
          forbidden(
            SPEC.child('ports').index(i).child('nodePort'),
            "may not be used when `type` is 'ClusterIP'",
          ),
        );
    });
  }
  const nodePorts = new Set<string>();
  const ports = new Set<string>();
  s.ports.forEach((p, i) => {
    const np = num(p.nodePort) ?? 0;
    if (np !== 0) {
      if (nodePorts.has(`${p.protocol}/${np}`))
        errs.push(duplicate(SPEC.child('ports').index(i).child('nodePort'), np));
      nodePorts.add(`${p.protocol}/${np}`);
    }
  });
  s.ports.forEach((p, i) => {
    const key = `${p.protocol}/${num(p.port) ?? 0}`;
    if (ports.has(key))
      errs.push(duplicate(SPEC.child('ports').index(i), goServicePort(str(p.protocol), num(p.port) ?? 0)));
    ports.add(key);
  });
  const ranges = arr<string>(s.loadBalancerSourceRanges);
  if (ranges.length > 0) {
    const p = SPEC.child('LoadBalancerSourceRanges');
    if (s.type !== 'LoadBalancer') errs.push(forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...validateCIDR(p.index(i), str(r).trim())));
  }
  if (s.allocateLoadBalancerNodePorts !== undefined && s.type !== 'LoadBalancer') {
    errs.push(
      forbidden(
        SPEC.child('allocateLoadBalancerNodePorts'),
        "may only be used when `type` is 'LoadBalancer'",
      ),
    );
  }
  if (typeof s.loadBalancerClass === 'string') {
    if (s.type === 'LoadBalancer') {
      errs.push(
        ...isQualifiedName(s.loadBalancerClass).map((m) =>
          invalid(SPEC.child('loadBalancerClass'), s.loadBalancerClass, m),
        ),
      );
    } else {
      errs.push(forbidden(SPEC.child('loadBalancerClass'), "may only be used when `type` is 'LoadBalancer'"));
    }
  }
  const etp = str(s.externalTrafficPolicy);
  if (!externallyAccessible(s)) {
    if (etp)
      errs.push(
        invalid(
          SPEC.child('externalTrafficPolicy'),
          etp,
          'may only be set for externally-accessible services',
        ),
      );
  } else if (etp !== 'Cluster' && etp !== 'Local') {
    errs.push(notSupported(SPEC.child('externalTrafficPolicy'), etp, ['Cluster', 'Local']));
  }
  const hc = num(s.healthCheckNodePort) ?? 0;
  if (!needsHealthCheck(s) && hc !== 0) {
    errs.push(
      invalid(
        SPEC.child('healthCheckNodePort'),
        hc,
        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      ),
    );
  } else if (hc !== 0) {
    errs.push(...isValidPortNum(hc).map((m) => invalid(SPEC.child('healthCheckNodePort'), hc, m)));
  }
  const itp = s.internalTrafficPolicy;
  if (typeof itp === 'string' && itp !== 'Cluster' && itp !== 'Local') {
    errs.push(notSupported(SPEC.child('internalTrafficPolicy'), itp, ['Cluster', 'Local']));
  }
  if (typeof s.trafficDistribution === 'string' && s.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported(SPEC.child('trafficDistribution'), s.trafficDistribution, ['PreferClose']));
  }
  if (needsNodePort(s)) {
    s.ports.forEach((p, i) => {
      const np = num(p.nodePort) ?? 0;
      if (np !== 0 && (np < NODE_PORT_RANGE.base || np >= NODE_PORT_RANGE.base + NODE_PORT_RANGE.size)) {
        const last = NODE_PORT_RANGE.base + NODE_PORT_RANGE.size - 1;
        const msg = `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.base}-${last}`;
        errs.push(invalid(SPEC.child('ports').index(i).child('nodePort'), np, msg));
      }
    });
  }
  return errs;
}

/** ValidateServiceCreate */
export function validateServiceCreate(svc: Service): FieldError[] {
  return [
    ...validateObjectMeta(svc.metadata, true, nameIsDNS1035Label),
    ...validateServiceSpec(normalizeServiceSpec(svc.spec)),
  ];
}

/** ValidateServiceUpdate: clusterIPs, ipFamilies and loadBalancerClass may not change once set. */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const s = normalizeServiceSpec(svc.spec, old.spec);
  const o = normalizeServiceSpec(old.spec);
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  const ipsPath = SPEC.child('clusterIPs');
  if (needsClusterIP(s) && needsClusterIP(o) && !(isHeadless(s) && isHeadless(o))) {
    if (s.clusterIPs.length === o.clusterIPs.length) {
      o.clusterIPs.forEach((ip, i) => {
        if (ip !== s.clusterIPs[i])
          errs.push(invalid(ipsPath.index(i), goStringSlice(s.clusterIPs), 'may not change once set'));
      });
    } else if (o.clusterIPs.length > s.clusterIPs.length) {
      if (s.clusterIPs.length === 0)
        errs.push(
          invalid(ipsPath.index(0), goStringSlice(s.clusterIPs), 'primary clusterIP can not be unset'),
        );
      else if (s.clusterIPs[0] !== o.clusterIPs[0])
        errs.push(invalid(ipsPath.index(0), goStringSlice(s.clusterIPs), 'may not change once set'));
    } else if (o.clusterIPs.length > 0 && s.clusterIPs[0] !== o.clusterIPs[0]) {
      errs.push(invalid(ipsPath.index(0), goStringSlice(s.clusterIPs), 'may not change once set'));
    }
  }
  if (
    s.type === 'LoadBalancer' &&
    o.type === 'LoadBalancer' &&
    (s.loadBalancerClass ?? null) !== (o.loadBalancerClass ?? null)
  ) {
    errs.push(
      invalid(SPEC.child('loadBalancerClass'), s.loadBalancerClass ?? null, 'may not change once set'),
    );
  }
  if (needsHealthCheck(o) && needsHealthCheck(s) && s.healthCheckNodePort !== o.healthCheckNodePort) {
    errs.push(forbidden(SPEC.child('healthCheckNodePort'), 'field is immutable'));
  }
  return [...errs, ...validateObjectMeta(svc.metadata, true, nameIsDNS1035Label), ...validateServiceSpec(s)];
}

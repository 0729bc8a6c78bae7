/**
 * Defaults for `networking.k8s.io/v1` and `discovery.k8s.io/v1`: NetworkPolicy,
 * IngressClass and EndpointSlice. Ingress has no defaults in v1.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { IngressClass, NetworkPolicy, NetworkPolicyPort } from 'kubernetes-types/networking/v1';
import { child, isEmpty, isNil, present, records } from './util';

function defaultPolicyPorts(ports: NetworkPolicyPort[] | undefined): void {
  for (const port of records(ports)) {
    if (isNil(port.protocol)) port.protocol = 'TCP';
  }
}

/**
 * NetworkPolicy: rule ports default to `TCP`; with no `policyTypes`, a policy is an
 * `Ingress` policy, and also an `Egress` one when it lists egress rules.
 */
export function defaultNetworkPolicy(policy: NetworkPolicy): void {
  const spec = child(policy, 'spec');
  if (!spec) return;
  for (const rule of records(spec.ingress)) defaultPolicyPorts(rule.ports);
  for (const rule of records(spec.egress)) defaultPolicyPorts(rule.ports);
  if (isEmpty(spec.policyTypes)) {
    spec.policyTypes = isEmpty(spec.egress) ? ['Ingress'] : ['Ingress', 'Egress'];
  }
}

/** IngressClass: a parameters reference is cluster-scoped unless it says otherwise. */
export function defaultIngressClass(ingressClass: IngressClass): void {
  const spec = present(ingressClass, 'spec');
  const parameters = spec && present(spec, 'parameters');
  if (parameters && isNil(parameters.scope)) parameters.scope = 'Cluster';
}

/** EndpointSlice: every port gets a name (possibly empty) and protocol `TCP`. */
export function defaultEndpointSlice(slice: EndpointSlice): void {
  for (const port of records(slice.ports)) {
    if (isNil(port.name)) port.name = '';
    if (isNil(port.protocol)) port.protocol = 'TCP';
  }
}

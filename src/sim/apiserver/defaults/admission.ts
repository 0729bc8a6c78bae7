/**
 * Defaults for `admissionregistration.k8s.io/v1`: webhook configurations, and
 * ValidatingAdmissionPolicy and its bindings.
 */
import type {
  MatchResources,
  MutatingWebhook,
  MutatingWebhookConfiguration,
  NamedRuleWithOperations,
  RuleWithOperations,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingWebhook,
  ValidatingWebhookConfiguration,
} from 'kubernetes-types/admissionregistration/v1';
import { child, isNil, present, records } from './util';

/** Seconds the apiserver waits for a webhook by default. */
export const DEFAULT_WEBHOOK_TIMEOUT_SECONDS = 10;

/**
 * A rule's fields. kubernetes-types drops the ones inlined from the embedded `Rule`
 * (`resources`, `scope`), so they are added back here.
 */
type Rule = (RuleWithOperations | NamedRuleWithOperations) & { resources?: string[]; scope?: string };

/** A rule without a scope matches cluster-scoped and namespaced resources alike. */
function defaultRules(rules: Rule[] | undefined): void {
  for (const rule of records(rules)) {
    if (isNil(rule.scope)) rule.scope = '*';
  }
}

/**
 * Shared webhook defaults: fail closed, match equivalent requests, select every namespace
 * and object, time out after 10 s, call services on port 443, rules of any scope.
 */
function defaultWebhook(webhook: ValidatingWebhook | MutatingWebhook): void {
  if (isNil(webhook.failurePolicy)) webhook.failurePolicy = 'Fail';
  if (isNil(webhook.matchPolicy)) webhook.matchPolicy = 'Equivalent';
  if (isNil(webhook.namespaceSelector)) webhook.namespaceSelector = {};
  if (isNil(webhook.objectSelector)) webhook.objectSelector = {};
  if (isNil(webhook.timeoutSeconds)) webhook.timeoutSeconds = DEFAULT_WEBHOOK_TIMEOUT_SECONDS;
  defaultRules(webhook.rules);
  const clientConfig = present(webhook, 'clientConfig');
  const service = clientConfig && present(clientConfig, 'service');
  if (service && isNil(service.port)) service.port = 443;
}

/** ValidatingWebhookConfiguration: each webhook's defaults. */
export function defaultValidatingWebhookConfiguration(config: ValidatingWebhookConfiguration): void {
  for (const webhook of records(config.webhooks)) defaultWebhook(webhook);
}

/** MutatingWebhookConfiguration: each webhook's defaults, and no reinvocation. */
export function defaultMutatingWebhookConfiguration(config: MutatingWebhookConfiguration): void {
  for (const webhook of records(config.webhooks)) {
    defaultWebhook(webhook);
    if (isNil(webhook.reinvocationPolicy)) webhook.reinvocationPolicy = 'Never';
  }
}

/** Match resources: equivalent requests, every namespace and object, rules of any scope. */
function defaultMatchResources(match: MatchResources): void {
  if (isNil(match.matchPolicy)) match.matchPolicy = 'Equivalent';
  if (isNil(match.namespaceSelector)) match.namespaceSelector = {};
  if (isNil(match.objectSelector)) match.objectSelector = {};
  defaultRules(match.resourceRules);
  defaultRules(match.excludeResourceRules);
}

/** ValidatingAdmissionPolicy: fail closed; its match constraints get their defaults. */
export function defaultValidatingAdmissionPolicy(policy: ValidatingAdmissionPolicy): void {
  const spec = child(policy, 'spec');
  if (!spec) return;
  if (isNil(spec.failurePolicy)) spec.failurePolicy = 'Fail';
  const match = present(spec, 'matchConstraints');
  if (match) defaultMatchResources(match);
}

/** ValidatingAdmissionPolicyBinding: its match resources get their defaults. */
export function defaultValidatingAdmissionPolicyBinding(binding: ValidatingAdmissionPolicyBinding): void {
  const spec = present(binding, 'spec');
  const match = spec && present(spec, 'matchResources');
  if (match) defaultMatchResources(match);
}

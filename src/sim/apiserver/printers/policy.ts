/** PodDisruptionBudgets, PriorityClasses and admission configuration objects. */
import type {
  MutatingWebhookConfiguration,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingWebhookConfiguration,
} from 'kubernetes-types/admissionregistration/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { RuntimeClass } from 'kubernetes-types/node/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { AGE_COLUMN, NAME_COLUMN, column, printer } from './columns';
import { since } from './duration';
import { goLabelSelectorString, intOrString } from './format';

/** `kubectl get poddisruptionbudgets`. */
export const podDisruptionBudgetPrinter = printer<PodDisruptionBudget>(
  [
    NAME_COLUMN,
    column('Min Available', 'string', 'Pods that must stay available.'),
    column('Max Unavailable', 'string', 'Pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Pods that may be evicted right now.'),
    AGE_COLUMN,
  ],
  (pdb, now) => {
    const min = pdb.spec?.minAvailable;
    const max = pdb.spec?.maxUnavailable;
    return [
      pdb.metadata?.name ?? '',
      min === undefined || min === null ? 'N/A' : intOrString(min),
      max === undefined || max === null ? 'N/A' : intOrString(max),
      pdb.status?.disruptionsAllowed ?? 0,
      since(pdb.metadata?.creationTimestamp, now),
    ];
  },
);

/** `kubectl get priorityclasses` (PREEMPTIONPOLICY is a default column). */
export const priorityClassPrinter = printer<PriorityClass>(
  [
    NAME_COLUMN,
    column('Value', 'integer', 'The priority pods of this class get.'),
    column('Global-Default', 'boolean', 'Whether pods without a class get this one.'),
    AGE_COLUMN,
    column('PreemptionPolicy', 'string', 'Whether these pods may preempt lower-priority pods.'),
  ],
  (pc, now) => [
    pc.metadata?.name ?? '',
    pc.value ?? 0,
    pc.globalDefault ?? false,
    since(pc.metadata?.creationTimestamp, now),
    pc.preemptionPolicy ?? '',
  ],
);

/** `kubectl get runtimeclasses`. */
export const runtimeClassPrinter = printer<RuntimeClass>(
  [
    NAME_COLUMN,
    column('Handler', 'string', 'The CRI runtime handler pods of this class run with.'),
    AGE_COLUMN,
  ],
  (rc, now) => [rc.metadata?.name ?? '', rc.handler, since(rc.metadata?.creationTimestamp, now)],
);

const webhookColumns = [
  NAME_COLUMN,
  column('Webhooks', 'integer', 'Webhooks in the configuration.'),
  AGE_COLUMN,
];

/** `kubectl get mutatingwebhookconfigurations` / `validatingwebhookconfigurations`. */
export const webhookConfigurationPrinter = printer<
  MutatingWebhookConfiguration | ValidatingWebhookConfiguration
>(webhookColumns, (w, now) => [
  w.metadata?.name ?? '',
  w.webhooks?.length ?? 0,
  since(w.metadata?.creationTimestamp, now),
]);

/** `kubectl get validatingadmissionpolicies`. */
export const validatingAdmissionPolicyPrinter = printer<ValidatingAdmissionPolicy>(
  [
    NAME_COLUMN,
    column('Validations', 'integer', 'Validation rules in the policy.'),
    column('ParamKind', 'string', 'The kind of object that parameterizes the policy.'),
    AGE_COLUMN,
  ],
  (p, now) => {
    const kind = p.spec?.paramKind;
    return [
      p.metadata?.name ?? '',
      p.spec?.validations?.length ?? 0,
      kind ? `${kind.apiVersion ?? ''}/${kind.kind ?? ''}` : '<unset>',
      since(p.metadata?.creationTimestamp, now),
    ];
  },
);

/** `kubectl get validatingadmissionpolicybindings`. */
export const validatingAdmissionPolicyBindingPrinter = printer<ValidatingAdmissionPolicyBinding>(
  [
    NAME_COLUMN,
    column('PolicyName', 'string', 'The policy this binding applies.'),
    column('ParamRef', 'string', 'The parameter object(s) given to the policy.'),
    AGE_COLUMN,
  ],
  (b, now) => {
    const ref = b.spec?.paramRef;
    let param = '<unset>';
    if (ref?.name) param = ref.namespace ? `${ref.namespace}/${ref.name}` : `*/${ref.name}`;
    else if (ref?.selector) param = goLabelSelectorString(ref.selector);
    return [
      b.metadata?.name ?? '',
      b.spec?.policyName ?? '',
      param,
      since(b.metadata?.creationTimestamp, now),
    ];
  },
);

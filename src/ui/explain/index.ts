/**
 * Plain-language explanations of trace steps: what happened and why Kubernetes does it.
 * Pure functions of a step, table-driven per kind of step; every step gets a sentence
 * (a generic one, flagged, when no rule knows it).
 */
import type { StepKind, TraceStep } from '../../sim/kernel/trace';
import { explainApiserverDecision } from './apiserver';
import { explainControlDecision } from './controllers';
import { explainNetwork } from './network';
import { explainNodeDecision } from './node';
import { explainApiRequest, explainHttpResponse } from './requests';
import { explainRuntime } from './runtime';
import { explainStorage, explainWatch } from './storage';
import { actorName, type Explanation } from './types';

export type { Explanation } from './types';
export { actorName } from './types';

const GENERIC_WHY: Readonly<Record<StepKind, string>> = {
  request:
    'Components never share memory: they ask each other over the network, and almost always the one they ask is kube-apiserver.',
  response: 'Every request gets an answer that travels back to the caller.',
  watch: 'Watches push changes to the components that follow them, so nothing has to poll.',
  storage: 'kube-apiserver is the only component that reads and writes etcd.',
  decision: 'A component decides what to do from what it has seen through its watches.',
  runtime:
    'kubelet makes pods real by calling its node’s container runtime (CRI), network plugin (CNI) and storage driver (CSI).',
};

function generic(step: TraceStep): Explanation {
  const what =
    step.from === step.to
      ? `${actorName(step.from)}: ${step.summary}.`
      : `${actorName(step.from)} → ${actorName(step.to)}: ${step.summary}.`;
  return { what: what.replace(/\.\.$/, '.'), why: GENERIC_WHY[step.kind], generic: true };
}

function specific(step: TraceStep): Explanation | null {
  switch (step.kind) {
    case 'request':
      return step.to.endsWith('/kube-apiserver')
        ? (explainApiRequest(step) ?? explainNetwork(step))
        : (explainNetwork(step) ?? explainApiRequest(step));
    case 'response':
      return explainNetwork(step) ?? explainHttpResponse(step);
    case 'storage':
      return explainStorage(step);
    case 'watch':
      return explainWatch(step);
    case 'runtime':
      return explainRuntime(step);
    case 'decision':
      return step.from.endsWith('/kube-apiserver')
        ? (explainApiserverDecision(step) ?? explainControlDecision(step))
        : (explainControlDecision(step) ?? explainNodeDecision(step) ?? explainApiserverDecision(step));
  }
}

/** What `step` did and why, in plain language. */
export function explainStep(step: TraceStep): Explanation {
  return specific(step) ?? generic(step);
}

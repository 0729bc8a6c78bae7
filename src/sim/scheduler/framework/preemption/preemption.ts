/**
 * The preemption evaluator (upstream's framework/preemption Evaluator.Preempt): when no node
 * fits a pod, find the nodes where evicting lower-priority pods would make it fit (a dry run
 * per node), pick the best one, evict its victims and nominate the node. A preemption plugin
 * supplies the decisions (see {@link PreemptionInterface}); DefaultPreemption is the in-tree one.
 *
 * The choice is a trace step (`preempt <pod> on <node>: victims ...`) with every candidate,
 * every node's dry-run verdict and the search window; the victims' API calls follow from it.
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { Json } from '../../../kernel/trace';
import type { CycleState } from '../cycle-state';
import { NodeToStatus, fitErrorMessage, newDiagnosis } from '../diagnosis';
import type { Handle, PostFilterOutcome } from '../interface';
import type { NodeInfo } from '../node-info';
import { Status } from '../status';
import { podKey, type Pod } from '../types';
import {
  candidatesToVictimsMap,
  defaultScoreFuncs,
  pickOneNodeForPreemption,
  type Candidate,
  type Victims,
} from './candidates';
import { prepareCandidate } from './prepare';

/** Why preemption cannot help on nodes the filters rejected as unresolvable. */
export const ERR_NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** What a preemption plugin decides (upstream's preemption.Interface). */
export interface PreemptionInterface {
  /** A random offset into the potential nodes, and how many candidates to look for. */
  getOffsetAndNumCandidates(numNodes: number): { offset: number; numCandidates: number };
  /** '' when the pod may preempt; otherwise why not. */
  podEligibleToPreemptOthers(pod: Pod, nominatedNodeStatus: Status): string;
  /**
   * The fewest pods to evict from `node` (a copy, as is `state`) for `pod` to fit, and how
   * many of them break a PodDisruptionBudget.
   */
  selectVictimsOnNode(
    state: CycleState,
    pod: Pod,
    node: NodeInfo,
    pdbs: readonly PodDisruptionBudget[],
  ): Victims & { readonly status: Status };
}

/** What the dry run found. */
interface DryRun {
  readonly candidates: Candidate[];
  readonly statuses: NodeToStatus;
  readonly errors: string[];
  readonly offset: number;
  readonly numCandidates: number;
}

/** Runs preemption for one pod with one preemption plugin's decisions. */
export class Evaluator {
  constructor(
    readonly handle: Handle,
    readonly plugin: PreemptionInterface,
  ) {}

  /**
   * Preempt: Success with the nominated node after evicting the victims; Unschedulable with
   * `nominatedNodeName: ''` (clear it) when no node would fit even after preemption; or a
   * status without a node (the nomination stays) when the pod may not preempt now.
   */
  preempt(
    state: CycleState,
    pod: Pod,
    m: NodeToStatus,
    causedBy: number | null,
  ): PostFilterOutcome & { status: Status } {
    const latest = this.handle.getPod(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
    if (latest === undefined) return { status: Status.error(`pod "${pod.metadata?.name ?? ''}" not found`) };
    const notEligible = this.plugin.podEligibleToPreemptOthers(
      latest,
      m.get(latest.status?.nominatedNodeName ?? ''),
    );
    if (notEligible !== '') return { status: Status.unschedulable(notEligible) };
    const allNodes = this.handle.snapshot().list();
    if (allNodes.length === 0) return { status: Status.error('no nodes available') };
    const run = this.#findCandidates(state, latest, allNodes, m);
    if (run.candidates.length === 0) {
      if (run.errors.length > 0) return { status: Status.error(aggregate(run.errors)) };
      run.statuses.setAbsentNodesStatus(Status.unresolvable(ERR_NOT_HELPFUL));
      const message = fitErrorMessage(allNodes.length, { ...newDiagnosis(), nodeToStatus: run.statuses });
      return { nominatedNodeName: '', status: Status.unschedulable(message) };
    }
    const best = this.selectCandidate(run.candidates);
    const step = this.#emit(latest, best, run, causedBy);
    const prepared = prepareCandidate(this.handle, best, latest, step);
    if (!prepared.isSuccess()) return { status: prepared };
    return { nominatedNodeName: best.name, status: Status.success() };
  }

  /** The best candidate (SelectCandidate): the only one, or pickOneNodeForPreemption's. */
  selectCandidate(candidates: readonly Candidate[]): Candidate {
    const [first] = candidates;
    if (first === undefined) throw new Error('no candidate to select');
    if (candidates.length === 1) return first;
    const victims = candidatesToVictimsMap(candidates);
    const now = this.handle.kernel.clock.epoch + this.handle.kernel.clock.now();
    const node = pickOneNodeForPreemption(victims, defaultScoreFuncs(victims, now));
    return candidates.find((c) => c.name === node) ?? first;
  }

  /** Nodes whose filters rejected the pod as Unschedulable are the ones eviction may help. */
  #findCandidates(state: CycleState, pod: Pod, allNodes: readonly NodeInfo[], m: NodeToStatus): DryRun {
    const potential = m.nodesForStatusCode(allNodes, 'Unschedulable');
    if (potential.length === 0)
      return { candidates: [], statuses: new NodeToStatus(), errors: [], offset: 0, numCandidates: 0 };
    const pdbs = this.handle.podDisruptionBudgets();
    const { offset, numCandidates } = this.plugin.getOffsetAndNumCandidates(potential.length);
    return this.dryRunPreemption(state, pod, potential, pdbs, offset, numCandidates);
  }

  /**
   * Tries the potential nodes from `offset`, wrapping around, until `numCandidates` are found
   * and at least one of them breaks no PDB (DryRunPreemption). Candidates that break no PDB come
   * first.
   */
  dryRunPreemption(
    state: CycleState,
    pod: Pod,
    potential: readonly NodeInfo[],
    pdbs: readonly PodDisruptionBudget[],
    offset: number,
    numCandidates: number,
  ): DryRun {
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    const statuses = new NodeToStatus();
    const errors: string[] = [];
    for (let i = 0; i < potential.length; i++) {
      const node = (potential[(offset + i) % potential.length] as NodeInfo).clone();
      const { pods, numPDBViolations, status } = this.plugin.selectVictimsOnNode(
        state.clone(),
        pod,
        node,
        pdbs,
      );
      if (status.isSuccess() && pods.length > 0) {
        const list = numPDBViolations === 0 ? nonViolating : violating;
        if (list.length < numCandidates) list.push({ name: node.name, victims: { pods, numPDBViolations } });
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
        continue;
      }
      const verdict = status.isSuccess()
        ? new Status('Error', [`expected at least one victim pod on node "${node.name}"`])
        : status;
      if (verdict.code === 'Error') errors.push(verdict.message());
      statuses.set(node.name, verdict);
    }
    return { candidates: [...nonViolating, ...violating], statuses, errors, offset, numCandidates };
  }

  /** Records the preemption decision; returns its step id. */
  #emit(pod: Pod, best: Candidate, run: DryRun, causedBy: number | null): number {
    const keys = (pods: readonly Pod[]) => pods.map(podKey);
    const candidates: Record<string, Json> = {};
    for (const c of run.candidates)
      candidates[c.name] = { victims: keys(c.victims.pods), pdbViolations: c.victims.numPDBViolations };
    const rejected: Record<string, string> = {};
    for (const [node, s] of run.statuses.entries()) rejected[node] = s.message();
    return this.handle.kernel.trace.emit({
      from: this.handle.client.id,
      to: this.handle.client.id,
      kind: 'decision',
      summary: `preempt ${podKey(pod)} on ${best.name}: victims ${keys(best.victims.pods).join(', ')}`,
      detail: {
        pod: podKey(pod),
        node: best.name,
        victims: keys(best.victims.pods),
        pdbViolations: best.victims.numPDBViolations,
        candidates,
        rejected,
        offset: run.offset,
        numCandidates: run.numCandidates,
      },
      causedBy,
    }).id;
  }
}

/** utilerrors.NewAggregate's message: one error as is, several in brackets. */
function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? (errors[0] as string) : `[${errors.join(', ')}]`;
}

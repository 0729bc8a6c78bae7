/**
 * The node conditions the kubelet's status setters compute (pkg/kubelet/nodestatus): the
 * pressure conditions, each with the event it records when it first appears, and Ready,
 * which is False (`KubeletNotReady`) while anything keeps the runtime from being ready.
 */
import type { NodeCondition } from 'kubernetes-types/core/v1';

/** The pressure conditions, with upstream's reasons and messages (in setter order); Ready follows. */
export const PRESSURE_CONDITIONS: readonly (readonly [string, string, string, string, string])[] = [
  [
    'MemoryPressure',
    'False',
    'KubeletHasSufficientMemory',
    'kubelet has sufficient memory available',
    'NodeHasSufficientMemory',
  ],
  [
    'DiskPressure',
    'False',
    'KubeletHasNoDiskPressure',
    'kubelet has no disk pressure',
    'NodeHasNoDiskPressure',
  ],
  [
    'PIDPressure',
    'False',
    'KubeletHasSufficientPID',
    'kubelet has sufficient PID available',
    'NodeHasSufficientPID',
  ],
];

/** MemoryPressure while the eviction manager sees it (nodestatus.MemoryPressureCondition). */
export const MEMORY_PRESSURE: readonly [string, string, string, string, string] = [
  'MemoryPressure',
  'True',
  'KubeletHasInsufficientMemory',
  'kubelet has insufficient memory available',
  'NodeHasInsufficientMemory',
];

/** The pressure conditions now: the defaults, with MemoryPressure if `memory` is under pressure. */
export const pressureConditions = (memory: boolean) =>
  memory
    ? PRESSURE_CONDITIONS.map((c) => (c[0] === 'MemoryPressure' ? MEMORY_PRESSURE : c))
    : PRESSURE_CONDITIONS;

/** The Ready condition the runtime's errors give (nodestatus.ReadyCondition). */
export function readyCondition(errors: readonly string[]): readonly [string, string, string, string] {
  if (errors.length === 0) return ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'];
  const message = errors.length === 1 ? (errors[0] ?? '') : `[${errors.join(', ')}]`;
  return ['Ready', 'False', 'KubeletNotReady', message];
}

/** The Ready condition of a node status, if it has one. */
export const readyOf = (status: Record<string, unknown>) =>
  (status.conditions as NodeCondition[] | undefined)?.find((c) => c.type === 'Ready');

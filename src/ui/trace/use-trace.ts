import { useStore } from 'zustand';
import { useLab } from '../lab-context';
import type { TraceActions, TraceState, TraceStore } from './trace-store';

/** The trace slice (its log and step stream) of the lab in context. */
export function useTraceStore(): TraceStore {
  return useLab((s) => s.trace);
}

/** Reads from the trace slice's state, re-rendering when the selected part changes. */
export function useTrace<T>(selector: (state: TraceState & TraceActions) => T): T {
  return useStore(useTraceStore().state, selector);
}

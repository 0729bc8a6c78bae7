import { useStore } from 'zustand';
import { useLab } from '../lab-context';
import type { InspectActions, InspectState } from './inspect-store';

/** Reads from the inspectors' slice, re-rendering when the selected part changes. */
export function useInspect<T>(selector: (state: InspectState & InspectActions) => T): T {
  return useStore(
    useLab((s) => s.inspect),
    selector,
  );
}

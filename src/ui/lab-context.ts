import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabActions, LabState, LabStore } from './store';

export const LabContext = createContext<LabStore | null>(null);

/** Reads from the lab store provided by `<LabContext.Provider>`. */
export function useLab<T>(selector: (state: LabState & LabActions) => T): T {
  const store = useContext(LabContext);
  if (store === null) throw new Error('useLab must be used inside <LabContext.Provider>');
  return useStore(store, selector);
}

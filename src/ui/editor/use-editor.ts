import { useStore } from 'zustand';
import { useLab } from '../lab-context';
import type { EditorActions, EditorState } from './editor-store';

/** Reads from the YAML editor's store (the lab store's `editor` slice). */
export function useEditor<T>(selector: (state: EditorState & EditorActions) => T): T {
  return useStore(
    useLab((s) => s.editor),
    selector,
  );
}

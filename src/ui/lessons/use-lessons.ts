import { useStore } from 'zustand';
import { useLab } from '../lab-context';
import type { LessonActions, LessonState } from './lesson-store';

/** Reads from the lessons slice of the lab store. */
export function useLessons<T>(selector: (state: LessonState & LessonActions) => T): T {
  return useStore(
    useLab((s) => s.lessons),
    selector,
  );
}

/** Puts the open lesson and step (counted from 1) in the page's address, so a reload or a shared link opens them. */
export function rememberInUrl(lesson: string | null, step: number): void {
  const url = new URL(window.location.href);
  if (lesson === null) {
    url.searchParams.delete('lesson');
    url.searchParams.delete('step');
  } else {
    url.searchParams.set('lesson', lesson);
    url.searchParams.set('step', String(step + 1));
  }
  window.history.replaceState(window.history.state, '', url);
}

import { useStore } from 'zustand';
import { useLab } from '../lab-context';

/** The lesson tab: the open lesson's title (the player is being built). */
export function LessonPanel() {
  const lessons = useLab((s) => s.lessons);
  const title = useStore(lessons, (s) => s.lesson?.title ?? 'No lesson open');
  return <h2>{title}</h2>;
}

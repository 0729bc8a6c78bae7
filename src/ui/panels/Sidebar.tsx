import { lazy, Suspense, useRef, type KeyboardEvent } from 'react';
import { FaultsPanel } from '../faults/FaultsPanel';
import { InspectPanel } from '../inspect/InspectPanel';
import { useLab } from '../lab-context';
import type { SidePanel } from '../store';
import { Details } from './Details';
import { Timeline } from './Timeline';

/** The lesson player (markdown, sanitizer, the lessons) loads when its tab first opens. */
const LessonPanel = lazy(() => import('../lessons/LessonPanel').then((m) => ({ default: m.LessonPanel })));

const ALL_TABS: readonly { readonly id: SidePanel; readonly label: string }[] = [
  { id: 'lesson', label: 'Lesson' },
  { id: 'steps', label: 'Steps' },
  { id: 'inspect', label: 'Inspect' },
  { id: 'faults', label: 'Faults' },
];

/**
 * The sidebar: tabs for the lesson (the list, or the open lesson's step and tasks), the steps (what the selected step or component did, over the
 * timeline), the inspectors (objects, etcd, a node, the scheduler, live) and the faults.
 * Tabs follow the ARIA tabs pattern: arrow keys move between them, Home and End jump.
 */
export function Sidebar() {
  const panels = useLab((s) => s.settings.panels);
  const TABS = ALL_TABS.filter((tab) => panels.includes(tab.id));
  const open = useLab((s) => s.sidePanel);
  const show = useLab((s) => s.showSidePanel);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (event: KeyboardEvent, index: number) => {
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index + TABS.length - 1) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : null;
    const tab = next === null ? undefined : TABS[next];
    if (next === null || tab === undefined) return;
    event.preventDefault();
    show(tab.id);
    tabs.current[next]?.focus();
  };
  if (TABS.length === 0) return null;
  return (
    <aside className="sidebar" aria-label="Details">
      <div className="side-tabs" role="tablist" aria-label="Side panel">
        {TABS.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`side-tab-${tab.id}`}
            aria-selected={open === tab.id}
            aria-controls={`side-panel-${tab.id}`}
            tabIndex={open === tab.id ? 0 : -1}
            className="side-tab"
            onClick={() => show(tab.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {open === 'lesson' && (
        <div
          className="side-panel side-scroll"
          role="tabpanel"
          id="side-panel-lesson"
          aria-labelledby="side-tab-lesson"
        >
          <Suspense fallback={<p role="status">Loading the lessons…</p>}>
            <LessonPanel />
          </Suspense>
        </div>
      )}
      {/* The steps stay mounted (hidden), so the timeline keeps its place and filters. */}
      {panels.includes('steps') && (
        <div
          className="side-panel"
          role="tabpanel"
          id="side-panel-steps"
          aria-labelledby="side-tab-steps"
          hidden={open !== 'steps'}
        >
          <Details />
          <Timeline />
        </div>
      )}
      {open === 'inspect' && (
        <div
          className="side-panel side-scroll"
          role="tabpanel"
          id="side-panel-inspect"
          aria-labelledby="side-tab-inspect"
        >
          <InspectPanel />
        </div>
      )}
      {open === 'faults' && (
        <div
          className="side-panel side-scroll"
          role="tabpanel"
          id="side-panel-faults"
          aria-labelledby="side-tab-faults"
        >
          <FaultsPanel />
        </div>
      )}
    </aside>
  );
}

import { lazy, Suspense } from 'react';
import { StepAnnouncer } from './a11y/StepAnnouncer';
import { EditorSlot, EditorToggle } from './editor/EditorSlot';
import { ClusterGraph } from './graph/ClusterGraph';
import { useLab } from './lab-context';
import { usePresentation } from './present/presentation';
import { ClockControls } from './panels/ClockControls';
import { ErrorBanner } from './panels/ErrorBanner';
import { Sidebar } from './panels/Sidebar';
import { ThemeSelect } from './theme/ThemeSelect';

/** Instructor mode's views load only in a presentation window. */
const PresenterBar = lazy(() => import('./present/PresenterBar').then((m) => ({ default: m.PresenterBar })));
const AudienceCaption = lazy(() =>
  import('./present/AudienceCaption').then((m) => ({ default: m.AudienceCaption })),
);

/** xterm.js is big: the terminal loads after the first paint, in its own chunk. */
const Terminal = lazy(() => import('./terminal/Terminal').then((m) => ({ default: m.Terminal })));

/** The lab: header with the clock, the cluster view over the terminal, and the side panels. */
export function App() {
  const hostKind = useLab((s) => s.hostKind);
  const panels = useLab((s) => s.settings.panels);
  const presentation = usePresentation();
  return (
    <div className={presentation?.role === 'audience' ? 'app audience' : 'app'}>
      <header className="topbar">
        <div className="brand">
          <img src={`${import.meta.env.BASE_URL}kubelab.svg`} alt="" width="28" height="28" />
          <span className="brand-name">Kubelab</span>
          <span className="brand-tag">Kubernetes, step by step</span>
        </div>
        <ClockControls />
        {panels.includes('editor') && <EditorToggle />}
        <ThemeSelect />
        <span className="host-badge" title="Where the simulation runs">
          {hostKind === 'worker' ? 'Web Worker' : 'main thread'}
        </span>
      </header>
      {presentation?.role === 'presenter' && (
        <Suspense fallback={null}>
          <PresenterBar presentation={presentation} />
        </Suspense>
      )}
      <ErrorBanner />
      <StepAnnouncer />
      <main className="workspace">
        <div className="main-column">
          {panels.includes('graph') && (
            <div className="graph">
              <ClusterGraph />
            </div>
          )}
          {(panels.includes('terminal') || panels.includes('editor')) && (
            <div className="bottom-panels">
              {panels.includes('terminal') && (
                <Suspense
                  fallback={
                    <div className="terminal-panel terminal-loading" role="status">
                      Starting the terminal…
                    </div>
                  }
                >
                  <Terminal />
                </Suspense>
              )}
              {panels.includes('editor') && <EditorSlot />}
            </div>
          )}
        </div>
        <Sidebar />
      </main>
      {presentation?.role === 'audience' && (
        <Suspense fallback={null}>
          <AudienceCaption presentation={presentation} />
        </Suspense>
      )}
    </div>
  );
}

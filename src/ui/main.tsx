import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHost } from '../worker/host';
import { App } from './App';
import { registerOffline } from './embed/offline';
import { LabContext } from './lab-context';
import { audience, audienceHost, presentChannel, presenter, PresentContext } from './present/presentation';
import { readSettings, type LabSettings } from './settings';
import { createLabStore } from './store';
import './styles.css';
import { startTheme } from './theme/controller';

const asked = readSettings(window.location.search);
// An audience window only watches the presenter's cluster: the graph, large, nothing to type into.
const settings: LabSettings =
  asked.present === 'audience' ? { ...asked, panels: ['graph'], readOnly: true } : asked;
startTheme(settings.theme);
const channelLesson = settings.lesson?.id ?? null;
const channel = settings.present === null ? null : presentChannel(channelLesson);
const watching = settings.present === 'audience' && channel !== null ? audienceHost(channel) : null;
const host = watching?.host ?? (await createHost(settings.cluster, settings.inProcess));
const store = createLabStore(host, settings);
const presentation =
  watching !== null
    ? audience(store, watching.narration, channelLesson)
    : settings.present === 'presenter' && channel !== null
      ? presenter(store, host, channel, channelLesson)
      : null;
if (settings.lesson !== null && watching === null)
  void store.getState().lessons.getState().open(settings.lesson.id, settings.lesson.step);
// In a frame, the embedding page may drive the lab (src/ui/embed/); the API loads only there.
if (window.parent !== window) void import('./embed/start').then((m) => m.startEmbedding(store, host));
registerOffline();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabContext.Provider value={store}>
      <PresentContext.Provider value={presentation}>
        <App />
      </PresentContext.Provider>
    </LabContext.Provider>
  </StrictMode>,
);

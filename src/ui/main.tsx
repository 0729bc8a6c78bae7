import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHost } from '../worker/host';
import { App } from './App';
import { LabContext } from './lab-context';
import { readSettings } from './settings';
import { createLabStore } from './store';
import './styles.css';
import { startTheme } from './theme/controller';

const settings = readSettings(window.location.search);
startTheme(settings.theme);
const host = await createHost(settings.cluster, settings.inProcess);
const store = createLabStore(host, settings);
if (settings.lesson !== null)
  void store.getState().lessons.getState().open(settings.lesson.id, settings.lesson.step);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabContext.Provider value={store}>
      <App />
    </LabContext.Provider>
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { builtInScenario } from './app/load-initial';
import './app/styles.css';
import { StoreProvider } from './hooks/use-app-store';
import { createAppStore } from './store';

const store = createAppStore(builtInScenario());
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);

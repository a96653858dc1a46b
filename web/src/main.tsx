import './api/zodConfig.js';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.js';
import { App } from './app/App.js';
import { FullPageSpin } from './app/RequireAuth.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Suspense fallback={<FullPageSpin />}>
      <App />
    </Suspense>
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { resolvePlatformPort } from './platform/port.ts';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App port={resolvePlatformPort(window)} />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { installErrorReporting, reportError } from './app/error-report.js';
import { showFatal } from './app/fatal.js';
import './editor/editor.css';
import './styles/app.css';

installErrorReporting();

const container = document.getElementById('root')!;
const root = createRoot(container, {
  // An error no part of the interface contained: logged, and a message instead of a blank window.
  onUncaughtError: (error) => {
    reportError('界面出错', error);
    setTimeout(() => {
      root.unmount();
      showFatal(container);
    });
  },
});
root.render(
  <StrictMode>
    <App />
  </StrictMode>,
);

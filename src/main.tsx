import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useCarryStore } from './store/store';
import './ui/styles.css';

// A shared link restores its settings, act and classroom mode before the first paint.
if (window.location.search) useCarryStore.getState().openLink(window.location.search);
// "Your sum" is asked at once: with no model trained yet, the shipped one for these settings loads and answers.
useCarryStore.getState().refreshAnswer();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

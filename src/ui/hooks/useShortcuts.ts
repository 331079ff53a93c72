import { useEffect } from 'react';
import { useCarryStore } from '../../store/store';

/** The keys, as the `?` list shows them. */
export const SHORTCUTS: [key: string, what: string][] = [
  ['Space', 'Train, pause or resume'],
  ['S', 'Step one batch while paused (Shift+S: to the end of the epoch)'],
  ['R', 'Reset the run'],
  ['?', 'Show or hide this list'],
];

/** Keys typed into a field or pressed on a button belong to it, not to the page. */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A', 'SUMMARY'].includes(target.tagName) || target.closest('[role="application"]') !== null;
}

/** Space, S, R and ? on the page (not while typing); `onHelp` toggles the list. */
export function useShortcuts(onHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || ownsKeys(e.target)) return;
      const s = useCarryStore.getState();
      if (e.key === '?') onHelp();
      else if (s.showExperiments) return;
      else if (e.key === ' ') {
        const { status } = s.runs[s.draft.model];
        if (status === 'training') s.pauseTraining();
        else if (status === 'paused') s.resumeTraining();
        else s.startTraining();
      } else if (e.key === 's' || e.key === 'S') s.stepTraining(e.shiftKey);
      else if (e.key === 'r' || e.key === 'R') s.resetTraining();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onHelp]);
}

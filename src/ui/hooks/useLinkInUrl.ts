import { useEffect } from 'react';
import { useCarryStore } from '../../store/store';
import { linkOf } from '../../store/viewSlice';

/** Keeps the address bar's query string equal to what is on screen (`replaceState`: no history entry per keystroke). */
export function useLinkInUrl(): void {
  useEffect(() => {
    let shown = window.location.search.replace(/^\?/, '');
    const write = () => {
      const link = linkOf(useCarryStore.getState());
      if (link === shown) return;
      shown = link;
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${link ? `?${link}` : ''}${window.location.hash}`);
    };
    write();
    return useCarryStore.subscribe(write);
  }, []);
}

/** The address of the page as it is now, optionally in classroom mode. */
export function pageLink(classroom?: boolean): string {
  const link = linkOf(useCarryStore.getState(), { classroom });
  return `${window.location.origin}${window.location.pathname}${link ? `?${link}` : ''}`;
}

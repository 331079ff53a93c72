import { useEffect, useRef, useState } from 'react';

/**
 * `value`, passed on at most once every `ms`, and each change at least
 * `lagMs` after it came: the newest value always arrives, at most
 * `ms + lagMs` late, however often it changes. Charts use it so a run
 * streaming progress four times a second redraws them only twice, and two
 * charts not in the same task.
 */
export function useThrottled<T>(value: T, ms: number, lagMs = 0): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    latest.current = value;
    // A redraw already due takes the newest value when it comes: later changes never push it back.
    if (Object.is(value, shown) || timer.current) return;
    const show = () => {
      timer.current = undefined;
      last.current = Date.now();
      setShown(latest.current);
    };
    const wait = Math.max(lagMs, last.current + ms - Date.now());
    if (wait <= 0) show();
    else timer.current = setTimeout(show, wait);
  }, [value, shown, ms, lagMs]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return shown;
}

import { useEffect, useRef, useState } from 'react';

/**
 * `value`, passed on at most once every `ms` (and each change at least
 * `lagMs` after it happened): the newest value always arrives, at most
 * `ms + lagMs` late. Charts use it so a run streaming progress four times a
 * second redraws them only twice, and two charts not in the same task.
 */
export function useThrottled<T>(value: T, ms: number, lagMs = 0): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(lagMs, last.current + ms - Date.now());
    if (wait <= 0) {
      last.current = Date.now();
      setShown(value);
      return;
    }
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms, lagMs]);
  return shown;
}

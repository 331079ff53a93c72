// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useThrottled } from '../../../src/ui/hooks/useThrottled';

describe('useThrottled', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('passes the first change on at once, then at most one per interval, always ending on the newest value', () => {
    const { result, rerender } = renderHook(({ v }) => useThrottled(v, 500), { initialProps: { v: 0 } });
    expect(result.current).toBe(0);
    rerender({ v: 1 });
    expect(result.current).toBe(1);
    // Four updates within the next 500 ms: none shown until the interval has passed, then the newest.
    for (const v of [2, 3, 4, 5]) {
      act(() => vi.advanceTimersByTime(100));
      rerender({ v });
      expect(result.current).toBe(1);
    }
    act(() => vi.advanceTimersByTime(99));
    expect(result.current).toBe(1);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(5);
    // Quiet for a while: the next change shows at once again.
    act(() => vi.advanceTimersByTime(2000));
    rerender({ v: 6 });
    expect(result.current).toBe(6);
  });

  it('with a lag, even the first change waits that long, so two throttled views never update in one task', () => {
    const { result, rerender } = renderHook(({ v }) => useThrottled(v, 500, 250), { initialProps: { v: 0 } });
    rerender({ v: 1 });
    expect(result.current).toBe(0);
    act(() => vi.advanceTimersByTime(249));
    expect(result.current).toBe(0);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(1);
    rerender({ v: 2 });
    act(() => vi.advanceTimersByTime(499));
    expect(result.current).toBe(1);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(2);
  });

  it('is a throttle, not a debounce: changes every 249 ms still show about every 500 ms, lag or not', () => {
    for (const lag of [0, 250]) {
      const { result, rerender, unmount } = renderHook(({ v }) => useThrottled(v, 500, lag), { initialProps: { v: 0 } });
      const seen = new Set<number>();
      for (let v = 1; v <= 12; v++) {
        rerender({ v });
        act(() => vi.advanceTimersByTime(249));
        seen.add(result.current);
      }
      // 12 changes over 3 s: shown at least 5 times, always a value that has come, ending within 750 ms of the newest.
      expect(seen.size).toBeGreaterThanOrEqual(5);
      act(() => vi.advanceTimersByTime(750));
      expect(result.current).toBe(12);
      unmount();
    }
  });
});

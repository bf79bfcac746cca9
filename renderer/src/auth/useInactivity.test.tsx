import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useInactivity } from './useInactivity.ts';

const MINUTE = 60_000;

describe('the inactivity lock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires once after the delay without activity', () => {
    const onIdle = vi.fn();
    renderHook(() => {
      useInactivity(true, 10 * MINUTE, onIdle);
    });
    act(() => {
      vi.advanceTimersByTime(10 * MINUTE - 1);
    });
    expect(onIdle).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(onIdle).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(30 * MINUTE);
    });
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('counts from the last keyboard or mouse activity', () => {
    const onIdle = vi.fn();
    renderHook(() => {
      useInactivity(true, 10 * MINUTE, onIdle);
    });
    act(() => {
      vi.advanceTimersByTime(9 * MINUTE);
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      vi.advanceTimersByTime(9 * MINUTE);
      window.dispatchEvent(new MouseEvent('mousemove'));
      vi.advanceTimersByTime(9 * MINUTE);
    });
    expect(onIdle).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(MINUTE);
    });
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('does nothing while inactive (signed out, locked, demo)', () => {
    const onIdle = vi.fn();
    renderHook(() => {
      useInactivity(false, MINUTE, onIdle);
    });
    act(() => {
      vi.advanceTimersByTime(60 * MINUTE);
    });
    expect(onIdle).not.toHaveBeenCalled();
  });
});

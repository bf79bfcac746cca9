import { useEffect, useRef } from 'react';

/** What counts as someone at the keyboard. */
const ACTIVITY_EVENTS = [
  'keydown',
  'mousedown',
  'mousemove',
  'wheel',
  'touchstart',
  'pointerdown',
] as const;

/**
 * Calls `onIdle` once after `timeoutMs` without keyboard, mouse or touch activity, while
 * `active`. One timer, re-armed only when it fires (activity just records the time), so
 * a moving mouse costs nothing. A computer that slept past the deadline locks on waking:
 * the timer fires late and the elapsed time is measured on the clock, not by counting ticks.
 */
export function useInactivity(active: boolean, timeoutMs: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  });

  useEffect(() => {
    if (!active) return undefined;
    let lastActivity = Date.now();
    let timer: number | undefined;
    const check = (): void => {
      const idle = Date.now() - lastActivity;
      if (idle >= timeoutMs) {
        timer = undefined;
        onIdleRef.current();
        return;
      }
      timer = window.setTimeout(check, timeoutMs - idle);
    };
    const onActivity = (): void => {
      lastActivity = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, onActivity, { capture: true, passive: true });
    }
    timer = window.setTimeout(check, timeoutMs);
    return () => {
      if (timer !== undefined) window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) {
        window.removeEventListener(name, onActivity, { capture: true });
      }
    };
  }, [active, timeoutMs]);
}

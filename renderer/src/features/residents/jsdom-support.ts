/**
 * Test support (component tests only): what antd's layout code reads from a browser and
 * jsdom lacks. ResizeObserver never reports (jsdom lays nothing out), and matchMedia never
 * matches, as renderer/src/test/setup.ts does for the other component tests.
 */
class SilentResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (typeof globalThis.ResizeObserver !== 'function') {
  Object.defineProperty(globalThis, 'ResizeObserver', {
    value: SilentResizeObserver,
    writable: true,
    configurable: true,
  });
}

if (typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

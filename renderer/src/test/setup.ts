import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// antd's responsive components read matchMedia, which jsdom does not provide. (Some files
// run in the node environment, where there is no window at all.)
if (typeof window !== 'undefined' && typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

afterEach(() => {
  cleanup();
});

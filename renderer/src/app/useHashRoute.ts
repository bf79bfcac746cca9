import { useCallback, useSyncExternalStore } from 'react';
import { hashOfModule, moduleFromHash, type ModuleId } from './modules.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
}

/**
 * The current module, kept in the URL hash so a reload (or app:// in Electron) returns to
 * the same page, and the back button works.
 */
export function useHashRoute(): [ModuleId, (id: ModuleId) => void] {
  const current = useSyncExternalStore(subscribe, () => moduleFromHash(window.location.hash));
  const navigate = useCallback((id: ModuleId) => {
    window.location.hash = hashOfModule(id);
  }, []);
  return [current, navigate];
}

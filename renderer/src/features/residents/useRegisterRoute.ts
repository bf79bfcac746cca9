import { useCallback, useMemo, useSyncExternalStore } from 'react';

/** `#/residents` is the list; `#/residents/<resident id>` a resident's file. */
export type RegisterRoute =
  { readonly view: 'list' } | { readonly view: 'resident'; readonly residentId: string };

export function registerRouteOf(hash: string): RegisterRoute {
  const [module, id] = hash.replace(/^#\/?/, '').split(/[?]/)[0]?.split('/') ?? [];
  if (module !== 'residents' || id === undefined || id === '') return { view: 'list' };
  return { view: 'resident', residentId: decodeURIComponent(id) };
}

export function residentHash(residentId: string): string {
  return `#/residents/${encodeURIComponent(residentId)}`;
}

export const LIST_HASH = '#/residents';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
}

function currentHash(): string {
  return window.location.hash;
}

/** The register's own part of the address (the layout's route only knows the module). */
export function useRegisterRoute(): [
  RegisterRoute,
  { readonly openResident: (id: string) => void; readonly openList: () => void },
] {
  const hash = useSyncExternalStore(subscribe, currentHash);
  const openResident = useCallback((id: string) => {
    window.location.hash = residentHash(id);
  }, []);
  const openList = useCallback(() => {
    window.location.hash = LIST_HASH;
  }, []);
  const route = useMemo(() => registerRouteOf(hash), [hash]);
  const navigate = useMemo(() => ({ openResident, openList }), [openResident, openList]);
  return [route, navigate];
}

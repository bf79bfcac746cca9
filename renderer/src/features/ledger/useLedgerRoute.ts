import { useCallback, useMemo, useSyncExternalStore } from 'react';

/** The ledger module's screens, in tab order. */
export const LEDGER_TABS = [
  'record',
  'review',
  'notices',
  'objections',
  'rankings',
  'rules',
] as const;

export type LedgerTab = (typeof LEDGER_TABS)[number];

/** `#/ledger/<tab>[?…]`; `#/ledger` is the first tab. */
export function ledgerTabOf(hash: string): LedgerTab {
  const [module, tab] = hash.replace(/^#\/?/, '').split('?')[0]?.split('/') ?? [];
  if (module !== 'ledger') return 'record';
  return LEDGER_TABS.find((t) => t === tab) ?? 'record';
}

export function ledgerHash(tab: LedgerTab): string {
  return `#/ledger/${tab}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
}

function currentHash(): string {
  return window.location.hash;
}

/** The ledger's own part of the address (the layout's route only knows the module). */
export function useLedgerRoute(): [LedgerTab, (tab: LedgerTab) => void] {
  const hash = useSyncExternalStore(subscribe, currentHash);
  const tab = useMemo(() => ledgerTabOf(hash), [hash]);
  const open = useCallback((next: LedgerTab) => {
    window.location.hash = ledgerHash(next);
  }, []);
  return [tab, open];
}

import type { ExternalStore } from '../app/external-store.ts';

/** Resolves with what `pick` finds in the store's state, now or after a later change. */
export function whenState<State, Found>(
  store: ExternalStore<State>,
  pick: (state: State) => Found | undefined,
): Promise<Found> {
  return new Promise((resolve) => {
    const look = () => {
      const found = pick(store.snapshot());
      if (found === undefined) return;
      unsubscribe();
      resolve(found);
    };
    const unsubscribe = store.subscribe(look);
    look();
  });
}

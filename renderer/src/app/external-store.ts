/**
 * A store held for the whole session outside React (the village's register and ledger), that
 * screens read with useSyncExternalStore: `subscribe`, `snapshot`, and `stop` when the
 * session ends. A subclass sets its state with `publish`; after `stop` nothing is published
 * and every subscription it `follow`ed is closed.
 */
import { useSyncExternalStore } from 'react';
import type { Subscription } from 'rxjs';

export abstract class ExternalStore<State> {
  readonly #listeners = new Set<() => void>();
  readonly #subscriptions: Subscription[] = [];
  #state: State;
  #stopped = false;

  protected constructor(initial: State) {
    this.#state = initial;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  readonly snapshot = (): State => this.#state;

  /** True once the session ended; a method, so a check after an await is not narrowed away. */
  protected isStopped(): boolean {
    return this.#stopped;
  }

  /** Keeps the subscriptions until the store stops (closes them at once if it has). */
  protected follow(...subscriptions: Subscription[]): void {
    if (this.#stopped) for (const subscription of subscriptions) subscription.unsubscribe();
    else this.#subscriptions.push(...subscriptions);
  }

  /** The new state, told to every screen; ignored once the store stopped. */
  protected publish(state: State): void {
    if (this.#stopped) return;
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }

  stop(): void {
    this.#stopped = true;
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    this.#subscriptions.length = 0;
    this.#listeners.clear();
  }
}

const noSubscription = (): (() => void) => () => undefined;

/** The store's state, re-rendering on every change; `none` when there is no store. */
export function useExternalStore<State>(store: ExternalStore<State> | null, none: State): State {
  return useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    store === null ? () => none : store.snapshot,
  );
}

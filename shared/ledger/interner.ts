/**
 * Copies of documents that share what they have in common, for a store that holds hundreds
 * of thousands of them in memory (the village ledger: 300,000 events). Documents read from
 * IndexedDB arrive as fresh objects, every string a copy of its own: each event repeats its
 * village, township, clerk, device, dates and its rule snapshot (a dozen fields, the rule's
 * Chinese name among them). An Interner hands out one copy of each distinct string, and one
 * object for equal values under the keys named `shared` (an event's rule snapshot).
 *
 * The copies are plain objects; shared objects and empty arrays are frozen, since every
 * holder sees them.
 */
export interface InternerOptions {
  /** Top-level keys left out of the copy (RxDB's internal keys). */
  readonly omitted?: readonly string[];
  /** Keys whose strings are unique to the document (its id): kept as they are. */
  readonly unique?: readonly string[];
  /** Keys whose object values repeat across documents: one frozen object per distinct value. */
  readonly shared?: readonly string[];
}

const EMPTY: readonly never[] = Object.freeze([]);

export class Interner {
  readonly #strings = new Map<string, string>();
  readonly #objects = new Map<string, unknown>();
  readonly #omitted: ReadonlySet<string>;
  readonly #unique: ReadonlySet<string>;
  readonly #shared: ReadonlySet<string>;

  constructor(options: InternerOptions = {}) {
    this.#omitted = new Set(options.omitted);
    this.#unique = new Set(options.unique);
    this.#shared = new Set(options.shared);
  }

  /** A copy of `doc` without the omitted keys, its repeated values shared. */
  copy(doc: object): Record<string, unknown> {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(doc)) {
      if (!this.#omitted.has(key)) copy[key] = this.#value(key, value);
    }
    return copy;
  }

  /** How many distinct strings and shared objects are held (for tests and diagnostics). */
  get size(): { readonly strings: number; readonly objects: number } {
    return { strings: this.#strings.size, objects: this.#objects.size };
  }

  #string(value: string): string {
    const held = this.#strings.get(value);
    if (held !== undefined) return held;
    this.#strings.set(value, value);
    return value;
  }

  #value(key: string, value: unknown): unknown {
    if (typeof value === 'string') return this.#unique.has(key) ? value : this.#string(value);
    if (typeof value !== 'object' || value === null) return value;
    if (!this.#shared.has(key)) return this.#nested(value);
    const identity = JSON.stringify(value);
    let held = this.#objects.get(identity);
    if (held === undefined) {
      held = Object.freeze(this.#nested(value));
      this.#objects.set(identity, held);
    }
    return held;
  }

  #nested(value: object): unknown {
    if (Array.isArray(value)) {
      if (value.length === 0) return EMPTY;
      return value.map((item: unknown) => this.#value('', item));
    }
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = this.#value(key, item);
    return copy;
  }
}

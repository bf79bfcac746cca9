/**
 * The village's register (residents, households and groups) held in memory for the whole
 * session, as the ledger is (features/ledger/village-ledger.ts): read once when the clerk
 * signs in, then kept current from the collections' write bulks. The resident list, the
 * file and the ledger screens share it, so switching between them never reads the register
 * again (13,000 documents in a large village).
 *
 * Residents and households are read in pages with `getAll` (db/read-stored.ts); changes
 * that arrive while they are read are held and applied after, in order, so none is lost.
 * A pulled page of a thousand residents is one new register, not a thousand.
 *
 * Screens subscribe with useSyncExternalStore (`subscribe`, `snapshot`).
 */
import type { Subscription } from 'rxjs';
import type { HouseholdDoc } from '../../../../shared/collections/households.ts';
import type { GroupPolicy, PolicyDoc } from '../../../../shared/collections/policies.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { CodedError, type AppError } from '../../../../shared/errors.ts';
import { RXDB_INTERNAL_KEYS, withoutKeys } from '../../../../shared/sync/merge.ts';
import type { LocalDatabase } from '../../db/database.ts';
import { readStored } from '../../db/read-stored.ts';
import { villageRegister, type VillageRegister } from './register-data.ts';

export type VillageRegisterState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly register: VillageRegister }
  | { readonly status: 'failed'; readonly error: AppError };

const NOT_DOMAIN_KEYS: readonly string[] = [...RXDB_INTERNAL_KEYS, '_deleted'];

interface Stored {
  readonly id: string;
  readonly villageCode: string;
}

/** One stored or written document: the domain document, or null once it is deleted. */
interface Change {
  readonly id: string;
  readonly doc: Stored | null;
}

function changesOf(bulk: {
  readonly events: readonly { readonly documentId: string; readonly documentData: unknown }[];
}): Change[] {
  return bulk.events.map(({ documentId, documentData }) => ({
    id: documentId,
    doc:
      (documentData as { _deleted?: boolean })._deleted === true
        ? null
        : (withoutKeys(documentData as object, NOT_DOMAIN_KEYS) as unknown as Stored),
  }));
}

/** Code-unit order, as IndexedDB orders the index keys; the id breaks ties as RxDB does. */
function byKey<T extends { readonly id: string }>(key: (doc: T) => string) {
  return (a: T, b: T): number => {
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

const residentOrder = byKey<ResidentDoc>((resident) => resident.namePinyin);
const householdOrder = byKey<HouseholdDoc>((household) => household.householdNo);

function groupOrder(a: GroupPolicy, b: GroupPolicy): number {
  return a.code.localeCompare(b.code, 'en', { numeric: true });
}

function isGroup(doc: PolicyDoc): doc is GroupPolicy {
  return doc.kind === 'group';
}

type Kind = 'residents' | 'households' | 'groups';

export class VillageRegisterStore {
  readonly #db: LocalDatabase;
  readonly #villageCode: string;
  readonly #listeners = new Set<() => void>();
  readonly #subscriptions: Subscription[] = [];
  #state: VillageRegisterState = { status: 'loading' };
  #stopped = false;

  readonly #docs: { readonly [kind in Kind]: Map<string, Stored> } = {
    residents: new Map(),
    households: new Map(),
    groups: new Map(),
  };
  /** Kept in order between changes; rebuilt only for the kinds a change touched. */
  #residents: ResidentDoc[] = [];
  #households: HouseholdDoc[] = [];
  #groups: GroupPolicy[] = [];

  constructor(db: LocalDatabase, villageCode: string) {
    this.#db = db;
    this.#villageCode = villageCode;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  readonly snapshot = (): VillageRegisterState => this.#state;

  /**
   * Reads the register and starts following changes; resolves once the register is ready
   * or has failed (the failure is the state, for the screens to show).
   */
  async start(): Promise<void> {
    if (this.#stopped) return;
    const { residents, households, policies } = this.#db.collections;
    const held: [Kind, Change[]][] = [];
    let loaded = false;
    const follow = (kind: Kind, changes: Change[]) => {
      if (loaded) this.#apply(kind, changes);
      else held.push([kind, changes]);
    };
    this.#subscriptions.push(
      residents.eventBulks$.subscribe((bulk) => {
        follow('residents', changesOf(bulk));
      }),
      households.eventBulks$.subscribe((bulk) => {
        follow('households', changesOf(bulk));
      }),
      policies.eventBulks$.subscribe((bulk) => {
        // Any policy may become a deleted one; only groups are kept (#keep).
        follow('groups', changesOf(bulk));
      }),
    );
    try {
      const [residentRows, householdRows, groupDocs] = await Promise.all([
        readStored(residents),
        readStored(households),
        policies.find({ selector: { villageCode: this.#villageCode, kind: 'group' } }).exec(),
      ]);
      if (this.#isStopped()) return;
      const read = (kind: Kind, rows: readonly object[]) => {
        for (const row of rows) {
          const doc = withoutKeys(row, NOT_DOMAIN_KEYS) as unknown as Stored;
          if (this.#keep(kind, doc)) this.#docs[kind].set(doc.id, doc);
        }
      };
      read('residents', residentRows);
      read('households', householdRows);
      read(
        'groups',
        groupDocs.map((doc) => doc.toJSON()),
      );
      loaded = true;
      for (const [kind, changes] of held) this.#change(kind, changes);
      this.#sort(new Set<Kind>(['residents', 'households', 'groups']));
      this.#publish();
    } catch (error) {
      console.error('reading the register failed', error);
      this.#state = {
        status: 'failed',
        error:
          error instanceof CodedError
            ? { code: error.code, params: error.params }
            : { code: 'localdb.open-failed' },
      };
      this.#emit();
    }
  }

  // A method, not the field, so the check after an await is not narrowed away.
  #isStopped(): boolean {
    return this.#stopped;
  }

  stop(): void {
    this.#stopped = true;
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    this.#subscriptions.length = 0;
    this.#listeners.clear();
  }

  #keep(kind: Kind, doc: Stored): boolean {
    if (doc.villageCode !== this.#villageCode) return false;
    return kind !== 'groups' || isGroup(doc as unknown as PolicyDoc);
  }

  /** Applies one write's changes to the documents; true if the register changed. */
  #change(kind: Kind, changes: readonly Change[]): boolean {
    const docs = this.#docs[kind];
    let changed = false;
    for (const { id, doc } of changes) {
      if (doc !== null && this.#keep(kind, doc)) {
        docs.set(id, doc);
        changed = true;
      } else if (docs.delete(id)) changed = true;
    }
    return changed;
  }

  #apply(kind: Kind, changes: readonly Change[]): void {
    if (!this.#change(kind, changes)) return;
    this.#sort(new Set([kind]));
    this.#publish();
  }

  #sort(kinds: ReadonlySet<Kind>): void {
    const values = <T>(kind: Kind) => [...this.#docs[kind].values()] as unknown as T[];
    if (kinds.has('residents'))
      this.#residents = values<ResidentDoc>('residents').sort(residentOrder);
    if (kinds.has('households'))
      this.#households = values<HouseholdDoc>('households').sort(householdOrder);
    if (kinds.has('groups')) this.#groups = values<GroupPolicy>('groups').sort(groupOrder);
  }

  #publish(): void {
    if (this.#stopped) return;
    this.#state = {
      status: 'ready',
      register: villageRegister(this.#residents, this.#households, this.#groups),
    };
    this.#emit();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}

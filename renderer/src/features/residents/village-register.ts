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
 * Screens read it through useVillageRegister (an ExternalStore: app/external-store.ts).
 */
import type { HouseholdDoc } from '../../../../shared/collections/households.ts';
import type { GroupPolicy, PolicyDoc } from '../../../../shared/collections/policies.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { appErrorOf, type AppError } from '../../../../shared/errors.ts';
import { contentOf } from '../../../../shared/sync/merge.ts';
import { ExternalStore } from '../../app/external-store.ts';
import type { LocalDatabase } from '../../db/database.ts';
import { readStored } from '../../db/read-stored.ts';
import { villageRegister, type VillageRegister } from './register-data.ts';

export type VillageRegisterState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly register: VillageRegister }
  | { readonly status: 'failed'; readonly error: AppError };

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
        : (contentOf(documentData as object) as unknown as Stored),
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

export class VillageRegisterStore extends ExternalStore<VillageRegisterState> {
  readonly #db: LocalDatabase;
  readonly #villageCode: string;

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
    super({ status: 'loading' });
    this.#db = db;
    this.#villageCode = villageCode;
  }

  /**
   * Reads the register and starts following changes; resolves once the register is ready
   * or has failed (the failure is the state, for the screens to show).
   */
  async start(): Promise<void> {
    if (this.isStopped()) return;
    const { residents, households, policies } = this.#db.collections;
    const held: [Kind, Change[]][] = [];
    let loaded = false;
    const follow = (kind: Kind, changes: Change[]) => {
      if (loaded) this.#apply(kind, changes);
      else held.push([kind, changes]);
    };
    this.follow(
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
      if (this.isStopped()) return;
      const read = (kind: Kind, rows: readonly object[]) => {
        for (const row of rows) {
          const doc = contentOf(row) as unknown as Stored;
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
      this.publish({ status: 'failed', error: appErrorOf(error, 'localdb.open-failed') });
    }
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
    if (this.isStopped()) return;
    this.publish({
      status: 'ready',
      register: villageRegister(this.#residents, this.#households, this.#groups),
    });
  }
}

/**
 * The local database: RxDB 17 with every collection of the shared plan
 * (shared/collections), its migrations, and local documents for device-only data.
 *
 * Opening never deletes data. Failures are thrown as a CodedError with one of:
 * - 'localdb.newer-than-app': the stored data was written by a newer app version (some
 *   collection's stored schema version is higher than ours). We refuse to open rather
 *   than let RxDB create empty collections of the older version beside the newer data;
 *   the user is told to update the app. Nothing is touched.
 * - 'localdb.migration-failed': a migration step threw or produced a document the schema
 *   refuses. RxDB keeps the old collection's data until a migration completes, so the next
 *   start (with a fixed app) retries from the same data.
 * - 'localdb.open-failed': anything else (storage unavailable, quota, a schema changed
 *   without a version bump).
 */
import {
  addRxPlugin,
  createRevision,
  createRxDatabase,
  getAllCollectionDocuments,
  getPrimaryKeyOfInternalDocument,
  getSingleDocument,
  INTERNAL_CONTEXT_MIGRATION_STATUS,
  now,
  randomToken,
  writeSingle,
  type RxCollection,
  type RxCollectionCreator,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { COLLECTIONS, type CollectionDocs } from '../../../shared/collections/index.ts';
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/collections/plan.ts';
import { CodedError, type ErrorCode } from '../../../shared/errors.ts';
import { withIndexedChangesSince } from './changes-since.ts';
import { RX_SCHEMAS } from './schema-compat.ts';
import { wrappedValidateCompiledStorage } from './validation.ts';

export type LocalCollections = { [C in CollectionName]: RxCollection<CollectionDocs[C]> };
export type LocalDatabase = RxDatabase<LocalCollections>;

export interface LocalDatabaseOptions {
  /** The database name (IndexedDB database prefix with Dexie). */
  readonly name: string;
  /** The underlying storage: Dexie in the app, memory in tests. Validation is added here. */
  readonly storage: RxStorage<unknown, unknown>;
  /**
   * Share changes between tabs/windows of the same origin (BroadcastChannel) and elect one
   * to run migrations. Default true, as the web shell can be open in two tabs.
   */
  readonly multiInstance?: boolean;
}

/** What openDatabase needs of each collection (the shared registry, or a test's own). */
export interface CollectionSetup {
  readonly schema: object & { readonly version: number };
  readonly migrations: {
    readonly [version: number]: (doc: { readonly [field: string]: unknown }) => object;
  };
}

let pluginsReady: Promise<void> | undefined;

/**
 * Plugins are process-wide and must be added before the first database. dev-mode only in
 * development builds: it adds schema and query checks but also loads an iframe from the
 * internet (blocked by the production CSP). `import.meta.env.DEV` is false in production
 * builds, so the dynamic import is dropped from the bundle.
 */
function addPlugins(): Promise<void> {
  pluginsReady ??= (async () => {
    if (import.meta.env.DEV) {
      const devMode = await import('rxdb/plugins/dev-mode');
      devMode.disableWarnings();
      addRxPlugin(devMode.RxDBDevModePlugin);
    }
    addRxPlugin(RxDBMigrationSchemaPlugin);
    addRxPlugin(RxDBLocalDocumentsPlugin);
  })();
  return pluginsReady;
}

/** Opens the database with all twelve collections of the shared plan. */
export function createLocalDatabase(options: LocalDatabaseOptions): Promise<LocalDatabase> {
  const setups: { [name: string]: CollectionSetup } = {};
  for (const name of COLLECTION_NAMES) {
    setups[name] = { schema: RX_SCHEMAS[name], migrations: COLLECTIONS[name].migrations };
  }
  return openDatabase<LocalCollections>(options, setups);
}

/**
 * The general form, for tests that need their own collections (a schema pair to prove a
 * migration end to end). The app uses createLocalDatabase.
 */
export async function openDatabase<Collections>(
  options: LocalDatabaseOptions,
  collections: { readonly [name: string]: CollectionSetup },
): Promise<RxDatabase<Collections>> {
  await addPlugins();
  let database: RxDatabase<Collections>;
  try {
    database = await createRxDatabase<Collections>({
      name: options.name,
      // Every write is validated by the collections' compiled schemas, without eval or
      // new Function, so under the app's CSP (no 'unsafe-eval'). See validation.ts.
      storage: wrappedValidateCompiledStorage({ storage: options.storage }),
      multiInstance: options.multiInstance ?? true,
      localDocuments: true,
      eventReduce: true,
    });
  } catch (error) {
    throw openError('localdb.open-failed', error);
  }

  try {
    await refuseNewerData(database.internalStore, collections);
    await forgetFailedMigrations(database.internalStore, collections);
    const creators: { [name: string]: RxCollectionCreator } = {};
    for (const [name, setup] of Object.entries(collections)) {
      creators[name] = {
        schema: setup.schema as RxJsonSchema<unknown>,
        migrationStrategies: { ...setup.migrations },
        autoMigrate: true,
      };
    }
    await database.addCollections(creators);
    return database;
  } catch (error) {
    // Closing keeps every stored document; it only releases the storage and the
    // collection slots (13 per process in RxDB's free version).
    await database.close().catch(() => undefined);
    if (error instanceof CodedError) throw error;
    throw openError(
      isMigrationError(error) ? 'localdb.migration-failed' : 'localdb.open-failed',
      error,
    );
  }
}

/**
 * RxDB only looks for *older* stored versions to migrate; a newer one would go unnoticed
 * and an empty collection of our version would be created beside it. So before adding
 * collections, compare the versions RxDB recorded in its internal store with ours.
 */
async function refuseNewerData(
  internalStore: RxDatabase['internalStore'],
  collections: { readonly [name: string]: CollectionSetup },
): Promise<void> {
  const stored = await getAllCollectionDocuments(internalStore);
  for (const record of stored) {
    const ours = collections[record.data.name];
    if (ours !== undefined && record.data.version > ours.schema.version) {
      throw new CodedError('localdb.newer-than-app', {
        collection: record.data.name,
        stored: record.data.version,
        app: ours.schema.version,
      });
    }
  }
}

/**
 * RxDB records a migration's progress in a status document and, on the next start, waits
 * for that document to say DONE or ERROR. A status left at ERROR by a failed attempt is
 * read at once, so even a fixed app would fail forever (seen with RxDB 17.6). The
 * migration itself is restartable (the old data is kept until it completes), so a stale
 * ERROR status is removed before the collections are added and the migration runs again.
 */
async function forgetFailedMigrations(
  internalStore: RxDatabase['internalStore'],
  collections: { readonly [name: string]: CollectionSetup },
): Promise<void> {
  for (const [name, setup] of Object.entries(collections)) {
    const id = getPrimaryKeyOfInternalDocument(
      `${name}-v-${String(setup.schema.version)}`,
      INTERNAL_CONTEXT_MIGRATION_STATUS,
    );
    const previous = await getSingleDocument(internalStore, id);
    const status = (previous?.data as { status?: unknown } | undefined)?.status;
    if (previous === undefined || status !== 'ERROR') continue;
    await writeSingle(
      internalStore,
      {
        previous,
        document: {
          ...previous,
          _deleted: true,
          _rev: createRevision(randomToken(10), previous),
          _meta: { lwt: now() },
        },
      },
      'forget-failed-migration',
    );
  }
}

function isMigrationError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // DM4: a migration step failed (thrown, or its output failed validation); DM*: other
  // migration-state errors.
  return typeof code === 'string' && code.startsWith('DM');
}

function openError(code: ErrorCode, error: unknown): CodedError {
  const rxCode = (error as { code?: unknown } | null)?.code;
  const wrapped = new CodedError(code, typeof rxCode === 'string' ? { cause: rxCode } : {});
  // Keep the original for the developer console; users see only the code's message.
  (wrapped as { cause?: unknown }).cause = error;
  return wrapped;
}

// ---------------------------------------------------------------------------------------
// The one database of this renderer. Created once: the promise is memoised, so React
// StrictMode's double mount (and any number of hooks asking at once) share one database.

/** The IndexedDB name prefix of the app's database. */
export const LOCAL_DATABASE_NAME = 'village-credit';

export interface DatabaseHolder {
  /** The database, created on the first call; later calls get the same promise. */
  get(): Promise<LocalDatabase>;
  /** Closes it (data stays); the next get() opens it again. */
  close(): Promise<void>;
}

/**
 * Memoises a database factory. A failed open is forgotten, so the UI can offer a retry
 * (after the user updated the app, or freed disk space).
 */
export function createDatabaseHolder(open: () => Promise<LocalDatabase>): DatabaseHolder {
  let current: Promise<LocalDatabase> | undefined;
  return {
    get() {
      if (current === undefined) {
        const opening = open();
        current = opening;
        opening.catch(() => {
          if (current === opening) current = undefined;
        });
      }
      return current;
    },
    async close() {
      const closing = current;
      current = undefined;
      if (closing === undefined) return;
      const database = await closing.catch(() => undefined);
      await database?.close();
    },
  };
}

// The open database's name and holder. Only one database is open at a time (each has all
// twelve collections; RxDB's free version allows 13 per process): the app opens either
// the real one or the demo one (auth/demo.ts), and switching reloads the page.
let current: { readonly name: string; readonly holder: DatabaseHolder } | undefined;

/**
 * The renderer's database (Dexie on IndexedDB): `name` is LOCAL_DATABASE_NAME, or the demo
 * database's name in demo mode. Rejects with a CodedError ('localdb.*'); asking for another
 * name while one is open is a programming error (close it first).
 */
export function getLocalDatabase(name: string = LOCAL_DATABASE_NAME): Promise<LocalDatabase> {
  if (current !== undefined && current.name !== name) {
    return Promise.reject(
      new Error(`database ${current.name} is open; close it before opening ${name}`),
    );
  }
  current ??= {
    name,
    holder: createDatabaseHolder(() =>
      createLocalDatabase({
        name,
        storage: withIndexedChangesSince(getRxStorageDexie()),
        multiInstance: true,
      }),
    ),
  };
  return current.holder.get();
}

/** Closes the renderer's database (sign-out, tests); data stays. */
export async function closeLocalDatabase(): Promise<void> {
  const open = current;
  current = undefined;
  await open?.holder.close();
}

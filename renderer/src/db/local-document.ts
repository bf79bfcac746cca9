/**
 * A local document of the database (sync state, problems, preferences), read now and again
 * after every write to it, from this window or another tab.
 *
 * Not RxDB's `getLocal$`: it runs two async steps for every change event of every
 * collection to find the few about its document. A first sync of a large village writes
 * 338,000 documents, so each subscriber queued hundreds of thousands of promises, and RxJS
 * removes each finished one from a list as long as the queue: quadratic, most of the first
 * sync's main thread. This looks at each write bulk once and reads the document again only
 * after a bulk that wrote it, as RxDB's own RxLocalDocument.$ follows a document.
 */
import type { RxChangeEventBulk } from 'rxdb';
import { distinctUntilChanged, filter, map, startWith, switchMap, type Observable } from 'rxjs';

/** What of a database this needs (the app's, or a test's with other collections). */
export interface LocalDocumentSource {
  readonly eventBulks$: Observable<RxChangeEventBulk<unknown>>;
  getLocal(id: string): Promise<{ toJSON(): { readonly data: unknown } } | null>;
}

/**
 * The document's data as `read` makes it (undefined while there is no document), now and
 * after each write that changes what `read` makes of it.
 */
export function watchLocal<T>(
  db: LocalDocumentSource,
  id: string,
  read: (data: unknown) => T,
): Observable<T> {
  return db.eventBulks$.pipe(
    // The database's own local documents: written as local, by no collection.
    filter(
      (bulk) =>
        bulk.isLocal &&
        !bulk.collectionName &&
        bulk.events.some((event) => event.documentId === id),
    ),
    startWith(null),
    // The newest read wins: a read started before a later write is dropped.
    switchMap(() => db.getLocal(id)),
    map((doc) => read(doc?.toJSON().data)),
    distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
  );
}

/**
 * The sync endpoints (shared/sync/protocol.ts; ARCHITECTURE §4): the collections listing,
 * and per collection pull, push and a live stream. Every request is authenticated by the
 * app's hook (`request.principal`); pull, push and stream also carry the client's schema
 * version (versions.ts). What an account may read and write: access.ts; how a pushed row is
 * decided: push.ts and shared/sync/merge.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { schemaVersions } from '../../../shared/collections/index.ts';
import { isCollectionName, type CollectionName } from '../../../shared/collections/plan.ts';
import { CodedError } from '../../../shared/errors.ts';
import {
  API_PREFIX,
  MAX_PULL_BATCH,
  MAX_PUSH_BATCH,
  PATHS,
  SCHEMA_VERSION_HEADER,
  type PushRow,
} from '../../../shared/sync/protocol.ts';
import { principalOf } from '../auth/principal.ts';
import { mayPull } from './access.ts';
import type { Db } from '../db/database.ts';
import type { ChangeFeed } from './feed.ts';
import { listCollections, pullChanges } from './pull.ts';
import { pushRows } from './push.ts';
import { DEFAULT_KEEP_ALIVE_MS, SyncStream } from './stream.ts';
import { checkSchemaVersion, type SchemaVersions } from './versions.ts';

export interface SyncRouteDeps {
  readonly db: Db;
  /** This instance's change feed (`startChangeFeed`), which wakes the live streams. */
  readonly feed: ChangeFeed;
  /** How often a quiet stream sends a keep-alive comment; default 15 s. */
  readonly keepAliveMs?: number;
  /**
   * The server's schema version per collection; default the collections' own
   * (shared/collections). Tests of the version handshake pass a newer one.
   */
  readonly schemaVersions?: SchemaVersions;
}

export const SYNC_ROUTES = {
  collections: PATHS.collections,
  pull: `${API_PREFIX}/sync/:collection/pull`,
  push: `${API_PREFIX}/sync/:collection/push`,
  stream: `${API_PREFIX}/sync/:collection/stream`,
} as const;

/** Adds the sync routes to `app` (before `ready`); open streams end when the app closes. */
export function registerSyncRoutes(app: FastifyInstance, deps: SyncRouteDeps): void {
  const { db, feed } = deps;
  const versions = deps.schemaVersions ?? schemaVersions();
  const keepAliveMs = deps.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
  const streams = new Set<SyncStream>();

  app.get(SYNC_ROUTES.collections, { schema: { querystring: EMPTY_QUERY } }, async (request) =>
    listCollections(db, principalOf(request), versions),
  );

  app.get<{ Params: { collection: string }; Querystring: PullQuery }>(
    SYNC_ROUTES.pull,
    {
      schema: { params: COLLECTION_PARAMS, querystring: PULL_QUERY },
    },
    async (request) => {
      const principal = principalOf(request);
      const collection = collectionOf(request, versions);
      const { checkpoint, batchSize = MAX_PULL_BATCH } = request.query;
      return pullChanges(db, principal, collection, { checkpoint, batchSize });
    },
  );

  app.post<{ Params: { collection: string }; Body: PushRow[] }>(
    SYNC_ROUTES.push,
    {
      schema: { params: COLLECTION_PARAMS, querystring: EMPTY_QUERY, body: PUSH_BODY },
      // Before the schema: a too large batch gets its own reason, not a schema message.
      preValidation: (request, _reply, done) => {
        const body: unknown = request.body;
        done(
          Array.isArray(body) && body.length > MAX_PUSH_BATCH
            ? new CodedError('sync.batch-too-large', { max: MAX_PUSH_BATCH })
            : undefined,
        );
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const collection = collectionOf(request, versions);
      return pushRows(db, principal, collection, request.body);
    },
  );

  app.get<{ Params: { collection: string } }>(
    SYNC_ROUTES.stream,
    {
      schema: { params: COLLECTION_PARAMS, querystring: EMPTY_QUERY },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const collection = collectionOf(request, versions);
      const stream = new SyncStream({
        db,
        principal,
        collection,
        keepAliveMs,
        log: request.log,
        stillAllowed: async () => {
          try {
            const now = await app.reauthenticate(request);
            return (
              now.role === principal.role &&
              now.villageCode === principal.villageCode &&
              now.townshipCode === principal.townshipCode
            );
          } catch (error) {
            // Signed out, revoked, disabled or expired: the stream ends with the access.
            if (error instanceof CodedError && error.code.startsWith('auth.')) return false;
            throw error;
          }
        },
      });
      const unsubscribe = feed.subscribe(stream);
      streams.add(stream);
      stream.onClose(() => {
        unsubscribe();
        streams.delete(stream);
      });
      reply.raw.on('close', () => {
        stream.close();
      });
      stream.start();
      return (
        reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('x-accel-buffering', 'no')
          // Once a stream ends (the server closing, a failed read) its connection goes too: an
          // idle keep-alive connection would hold up the server's close for its whole timeout.
          .header('connection', 'close')
          .send(stream.body)
      );
    },
  );

  // Open streams would keep the HTTP server from closing.
  app.addHook('preClose', (done) => {
    for (const stream of [...streams]) stream.close();
    done();
  });
}

/**
 * The collection named in the path (404 if there is none such), after the schema-version
 * check of pull, push and stream.
 */
function collectionOf(
  request: FastifyRequest<{ Params: { collection: string } }>,
  versions: SchemaVersions,
): CollectionName {
  const { collection } = request.params;
  if (!isCollectionName(collection))
    throw new CodedError('store.collection-unknown', { collection });
  if (!mayPull(principalOf(request), collection)) throw new CodedError('auth.forbidden');
  checkSchemaVersion(collection, versions[collection], request.headers[SCHEMA_VERSION_HEADER]);
  return collection;
}

interface PullQuery {
  readonly checkpoint?: number;
  readonly batchSize?: number;
}

const EMPTY_QUERY = { type: 'object', additionalProperties: false, properties: {} } as const;

const COLLECTION_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['collection'],
  properties: { collection: { type: 'string', minLength: 1, maxLength: 40 } },
} as const;

const PULL_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    checkpoint: { type: 'integer', minimum: 0 },
    batchSize: { type: 'integer', minimum: 1, maximum: MAX_PULL_BATCH },
  },
} as const;

/** A document as it travels: its id and deletion flag are checked here, the rest per row. */
const SYNC_DOCUMENT = {
  type: 'object',
  required: ['id', '_deleted'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 64 },
    _deleted: { type: 'boolean' },
  },
} as const;

const PUSH_BODY = {
  type: 'array',
  maxItems: MAX_PUSH_BATCH,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['newDocumentState'],
    properties: { newDocumentState: SYNC_DOCUMENT, assumedMasterState: SYNC_DOCUMENT },
  },
} as const;

/**
 * The Fastify application, without listening: `main.ts` listens, tests use `inject`.
 * Every error leaves in one shape, `{"error":{"code":"<ErrorCode>","message":"<中文>"}}`,
 * with the matching HTTP status; clients never see a stack trace.
 */
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { CodedError, type ErrorCode, type ErrorParams } from '../../../shared/errors.ts';
import type { Db } from '../db/database.ts';
import { describeError } from '../messages.ts';

export interface AppOptions {
  readonly db: Db;
  readonly logger: FastifyBaseLogger;
}

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

export function buildApp({ db, logger }: AppOptions): FastifyInstance {
  const app = Fastify({ loggerInstance: logger });

  app.get('/healthz', async (_request, reply) => {
    try {
      await db.query('SELECT 1');
    } catch (error) {
      app.log.error({ err: error }, 'health check: database unreachable');
      return reply
        .code(503)
        .send(errorBody('store.unavailable', { target: '', reason: 'database unreachable' }));
    }
    return { status: 'ok' };
  });

  app.setNotFoundHandler((request, reply) => {
    return reply
      .code(404)
      .send(errorBody('http.not-found', { method: request.method, url: request.url }));
  });

  app.setErrorHandler((error: FastifyError | CodedError, request, reply) => {
    if (error instanceof CodedError) {
      const status = statusOf(error.code);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.code(status).send(errorBody(error.code, error.params));
    }
    // Fastify's own client errors (malformed JSON, wrong content type, body too large,
    // schema validation) carry a 4xx status.
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send(errorBody('http.bad-request', { reason: error.message }));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('http.internal'));
  });

  return app;
}

export function errorBody(code: ErrorCode, params: ErrorParams = {}): ErrorBody {
  return { error: { code, message: describeError(code, params).zh } };
}

/** The HTTP status that answers an error code. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'http.not-found':
    case 'store.collection-unknown':
    case 'store.document-not-found':
    case 'place.township-unknown':
      return 404;
    case 'place.township-exists':
    case 'place.village-exists':
      return 409;
    case 'store.data-dir-locked':
    case 'store.unavailable':
      return 503;
    case 'http.internal':
    case 'store.migration-failed':
    case 'store.newer-than-server':
      return 500;
    default:
      return code.startsWith('port.') || code.startsWith('localdb.') ? 500 : 400;
  }
}

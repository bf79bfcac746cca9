import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodedError } from '../../../shared/errors.ts';
import { openPglite, type Database } from '../db/database.ts';
import { buildApp } from './app.ts';

const silent = pino({ level: 'silent' });

describe('town server HTTP app', () => {
  let db: Database;
  let closed = false;
  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(async () => {
    if (!closed) await db.close();
  });

  it('answers GET /healthz with {"status":"ok"}', async () => {
    const app = buildApp({ db, logger: silent });

    const response = await app.inject({ method: 'GET', url: '/healthz' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers an unknown address with 404 in the error shape, in Chinese', async () => {
    const app = buildApp({ db, logger: silent });

    const response = await app.inject({ method: 'GET', url: '/no/such/thing' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'http.not-found', message: '没有这个地址：GET /no/such/thing。' },
    });
  });

  it('answers a malformed JSON body with 400 in the error shape', async () => {
    const app = buildApp({ db, logger: silent });
    app.post('/echo', (request) => request.body);

    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"unfinished": ',
    });

    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('http.bad-request');
    expect(body.error.message).toMatch(/^请求无效/);
  });

  it('answers a coded failure with its code, its status and its Chinese message', async () => {
    const app = buildApp({ db, logger: silent });
    app.get('/coded', () => {
      throw new CodedError('place.township-unknown', { code: '320321100' });
    });

    const response = await app.inject({ method: 'GET', url: '/coded' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: {
        code: 'place.township-unknown',
        message: expect.stringContaining('没有代码为 320321100 的乡镇') as unknown,
      },
    });
  });

  it('answers an unexpected failure with 500 and no stack trace or internal detail', async () => {
    const app = buildApp({ db, logger: silent });
    app.get('/boom', () => {
      throw new Error('password=hunter2 at /srv/secret.ts:1');
    });

    const response = await app.inject({ method: 'GET', url: '/boom' });

    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: {
        code: 'http.internal',
        message: expect.stringContaining('镇服务器内部出错') as unknown,
      },
    });
    expect(response.body).not.toMatch(/hunter2|secret\.ts|at /);
  });

  // Last: it closes the file's database.
  it('answers /healthz with 503 when the database is unreachable', async () => {
    await db.close();
    closed = true;
    const app = buildApp({ db, logger: silent });

    const response = await app.inject({ method: 'GET', url: '/healthz' });

    expect(response.statusCode).toBe(503);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('store.unavailable');
  });
});

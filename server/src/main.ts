/**
 * `npm run server`: the town server (乡镇服务器). Reads the environment (see config.ts),
 * takes the data directory lock (embedded PGlite only), opens the database, runs the
 * migrations, and serves HTTP until SIGINT or SIGTERM, then closes everything in order.
 */
import { pino } from 'pino';
import { CodedError } from '../../shared/errors.ts';
import { readServerConfig, type ServerConfig } from './config.ts';
import { acquireDataDirLock, type DataDirLock } from './db/data-dir-lock.ts';
import { openDatabase, reasonOf, type Database } from './db/database.ts';
import { loadMigrations, migrate } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { startChangeFeed } from './sync/feed.ts';
import { describeError } from './messages.ts';

const EXIT_FAILURE = 1;
const EXIT_CONFIG = 2;
const EXIT_LOCKED = 3;

async function main(): Promise<void> {
  let config;
  try {
    config = readServerConfig(process.env);
  } catch (error) {
    exitWith(error, EXIT_CONFIG);
  }
  const logger = pino({ level: config.logLevel, base: { pid: process.pid, name: 'town-server' } });

  let lock: DataDirLock | undefined;
  let db: Database | undefined;
  let stopFeed: (() => Promise<void>) | undefined;
  const cleanUp = async (): Promise<void> => {
    const feedOpen = stopFeed;
    stopFeed = undefined;
    if (feedOpen !== undefined) await feedOpen();
    const open = db;
    db = undefined;
    if (open !== undefined) await open.close();
    lock?.release();
  };
  // A crash must not leave a lock behind that names a live process (ours, until exit).
  process.on('exit', () => lock?.release());

  try {
    if (config.storage.kind === 'pglite') {
      lock = acquireDataDirLock(config.storage.dataDir, { role: 'server', port: config.port });
    }
    db = await openDatabase(config.storage);
    const { applied } = await migrate(db, await loadMigrations());
    if (applied.length > 0) logger.info({ applied }, 'database migrated');

    const feed = await startChangeFeed(db, { log: logger });
    stopFeed = () => feed.close();
    const app = buildApp({ db, logger, security: config.security, sync: { feed } });
    await app.listen({ port: config.port, host: config.host });
    logger.info(
      {
        url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
        storage: config.storage.kind,
        data: db.description,
        mode: config.security.production ? 'production' : 'development',
      },
      `town server listening on ${config.host}:${config.port}, data in ${db.description}`,
    );
    warnAboutPlainHttp(logger, config);

    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(EXIT_FAILURE);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down');
      void (async () => {
        try {
          await app.close();
          await cleanUp();
          logger.info('stopped');
          process.exit(0);
        } catch (error) {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(EXIT_FAILURE);
        }
      })();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    const code = error instanceof CodedError ? error.code : undefined;
    logger.fatal({ err: error, code }, 'town server could not start');
    try {
      await cleanUp();
    } catch (closeError) {
      logger.error({ err: closeError }, 'closing the database failed');
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(
        `镇服务器无法启动：端口 ${config.port} 已被其他程序占用。请停止该程序，或设置 PORT 使用其他端口。\n` +
          `The town server cannot start: port ${config.port} is already in use. Stop that program or set PORT to another port.\n`,
      );
      process.exit(EXIT_FAILURE);
    }
    exitWith(error, code === 'store.data-dir-locked' ? EXIT_LOCKED : EXIT_FAILURE);
  }
}

/**
 * Passwords and tokens cross the network in clear over plain HTTP. Say so when the server
 * accepts it from beyond this machine.
 */
function warnAboutPlainHttp(
  logger: { warn: (object: object, message: string) => void },
  config: ServerConfig,
): void {
  const { production, allowHttp } = config.security;
  const loopback =
    config.host === '127.0.0.1' || config.host === '::1' || config.host === 'localhost';
  if (!production && !loopback) {
    logger.warn(
      { host: config.host, mode: 'development' },
      'development mode on a network address: plain HTTP is accepted, so passwords and tokens travel unencrypted. Set TOWN_MODE=production behind a TLS reverse proxy (see README).',
    );
  } else if (production && allowHttp) {
    logger.warn(
      { mode: 'production' },
      'TOWN_ALLOW_HTTP=1: plain HTTP is accepted in production mode, so passwords and tokens travel unencrypted',
    );
  }
}

/** Prints a human message (Chinese, then English) on stderr and exits. */
function exitWith(error: unknown, exitCode: number): never {
  if (error instanceof CodedError) {
    const message = describeError(error.code, error.params);
    process.stderr.write(
      `镇服务器无法启动：${message.zh}\nThe town server cannot start: ${message.en}\n`,
    );
  } else {
    process.stderr.write(
      `镇服务器无法启动：${reasonOf(error)}\nThe town server cannot start: ${reasonOf(error)}\n`,
    );
  }
  process.exit(exitCode);
}

await main();

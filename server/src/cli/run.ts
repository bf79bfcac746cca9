/**
 * The admin CLI (`npm run town -- <command>`), as a function of argv, environment and
 * output streams so tests can run it in-process. Arguments are checked before the data
 * directory is even opened: bad input writes nothing.
 */
import { parseArgs } from 'node:util';
import {
  CodedError,
  type AppError,
  type ErrorCode,
  type ErrorParams,
} from '../../../shared/errors.ts';
import { readStorageConfig, type Env } from '../config.ts';
import { acquireDataDirLock, type DataDirLock } from '../db/data-dir-lock.ts';
import { openDatabase, reasonOf, type Database } from '../db/database.ts';
import { loadMigrations, migrate } from '../db/migrate.ts';
import { describeError } from '../messages.ts';
import {
  addTownship,
  addVillage,
  listTownships,
  listVillages,
  validateTownshipInput,
  validateVillageInput,
} from '../places/places.ts';
import {
  deviceList,
  deviceRevoke,
  login,
  userAdd,
  userDisable,
  userList,
  userPasswd,
  type AccountsContext,
  type AccountsOutcome,
} from './accounts.ts';
import { generate, type GenerateOutcome } from '../generate/cli.ts';
import { helpText, type HelpTopic } from './help.ts';
import {
  ledgerImport,
  ledgerTemplate,
  rulesAdoptDefaults,
  score,
  type LedgerOutcome,
} from './ledger.ts';
import { processInput, type CliInput } from './password-input.ts';
import {
  residentsCount,
  residentsImport,
  type Outcome,
  type ResidentsContext,
} from './residents.ts';
import { formatTable } from './table.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2, locked: 3 } as const;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Standard input, for passwords; default the process's. */
  readonly input?: CliInput;
}

/** Boolean options (flags) arrive in the values as 'true' when given. */
type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

interface Command {
  readonly topic: HelpTopic;
  readonly options: OptionSpec;
  readonly required: readonly string[];
  /** Names of the command's positional arguments, all required, in order (e.g. a file). */
  readonly positionals?: readonly string[];
  readonly run: (values: Readonly<Record<string, string>>, context: Context) => Promise<number>;
}

interface Context {
  readonly env: Env;
  readonly io: CliIo;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  'township add': {
    topic: 'township add',
    options: { code: { type: 'string' }, name: { type: 'string' } },
    required: ['code', 'name'],
    run: async (values, context) => {
      const input = validateTownshipInput({ code: req(values, 'code'), name: req(values, 'name') });
      if (!input.ok) return rejected(context.io, input.error);
      const township = await withDatabase(context, (db) => addTownship(db, input.value));
      context.io.stdout(
        `已添加乡镇 ${township.code} ${township.name}。\nAdded township ${township.code} ${township.name}.\n`,
      );
      return EXIT.ok;
    },
  },
  'township list': {
    topic: 'township list',
    options: {},
    required: [],
    run: async (_values, context) => {
      const townships = await withDatabase(context, (db) => listTownships(db));
      if (townships.length === 0) {
        context.io.stdout(
          '还没有乡镇。用 npm run town -- township add --code <9位代码> --name <名称> 添加。\n' +
            'There are no townships yet. Add one with: npm run town -- township add --code <9 digits> --name <name>\n',
        );
        return EXIT.ok;
      }
      const rows = townships.map((t) => [t.code, t.name, String(t.villageCount)]);
      context.io.stdout(formatTable(['代码', '名称', '村数'], rows));
      context.io.stdout(`共 ${townships.length} 个乡镇。 ${townships.length} township(s).\n`);
      return EXIT.ok;
    },
  },
  'village add': {
    topic: 'village add',
    options: { code: { type: 'string' }, name: { type: 'string' }, township: { type: 'string' } },
    required: ['code', 'name', 'township'],
    run: async (values, context) => {
      const input = validateVillageInput({
        code: req(values, 'code'),
        name: req(values, 'name'),
        townshipCode: req(values, 'township'),
      });
      if (!input.ok) return rejected(context.io, input.error);
      const village = await withDatabase(context, (db) => addVillage(db, input.value));
      context.io.stdout(
        `已添加村 ${village.code} ${village.name}（${village.townshipName}）。\n` +
          `Added village ${village.code} ${village.name} (${village.townshipName}).\n`,
      );
      return EXIT.ok;
    },
  },
  'village list': {
    topic: 'village list',
    options: { township: { type: 'string' } },
    required: [],
    run: async (values, context) => {
      const townshipCode = values['township'];
      const villages = await withDatabase(context, (db) =>
        listVillages(db, townshipCode === undefined ? {} : { townshipCode }),
      );
      if (villages.length === 0) {
        context.io.stdout(
          '还没有村。用 npm run town -- village add --code <12位代码> --name <名称> --township <9位代码> 添加。\n' +
            'There are no villages yet. Add one with: npm run town -- village add --code <12 digits> --name <name> --township <9 digits>\n',
        );
        return EXIT.ok;
      }
      const rows = villages.map((v) => [v.code, v.name, `${v.townshipCode} ${v.townshipName}`]);
      context.io.stdout(formatTable(['代码', '名称', '所属乡镇'], rows));
      context.io.stdout(`共 ${villages.length} 个村。 ${villages.length} village(s).\n`);
      return EXIT.ok;
    },
  },
  'residents import': {
    topic: 'residents import',
    options: { village: { type: 'string' } },
    required: ['village'],
    positionals: ['file'],
    run: async (values, context) =>
      exitOf(
        await residentsImport(req(values, 'village'), req(values, 'file'), residents(context)),
      ),
  },
  'residents count': {
    topic: 'residents count',
    options: { village: { type: 'string' } },
    required: ['village'],
    run: async (values, context) =>
      exitOf(await residentsCount(req(values, 'village'), residents(context))),
  },
  'rules adopt-defaults': {
    topic: 'rules adopt-defaults',
    options: {
      village: { type: 'string' },
      'meeting-ref': { type: 'string' },
      'meeting-on': { type: 'string' },
      'effective-from': { type: 'string' },
    },
    required: ['village'],
    run: async (values, context) =>
      ledgerExit(await rulesAdoptDefaults(values, residents(context))),
  },
  'ledger import': {
    topic: 'ledger import',
    options: { village: { type: 'string' } },
    required: ['village'],
    positionals: ['file'],
    run: async (values, context) =>
      ledgerExit(
        await ledgerImport(req(values, 'village'), req(values, 'file'), residents(context)),
      ),
  },
  'ledger template': {
    topic: 'ledger template',
    options: { village: { type: 'string' } },
    required: [],
    positionals: ['file'],
    run: async (values, context) => ledgerExit(await ledgerTemplate(values, residents(context))),
  },
  score: {
    topic: 'score',
    options: {
      village: { type: 'string' },
      id: { type: 'string' },
      household: { type: 'string' },
      'as-of': { type: 'string' },
    },
    required: ['village'],
    run: async (values, context) => ledgerExit(await score(values, residents(context))),
  },
  'user add': {
    topic: 'user add',
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      village: { type: 'string' },
      township: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    required: ['username', 'role'],
    run: async (values, context) => accountsExit(await userAdd(values, accounts(context))),
  },
  'user passwd': {
    topic: 'user passwd',
    options: { username: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    required: ['username'],
    run: async (values, context) => accountsExit(await userPasswd(values, accounts(context))),
  },
  'user disable': {
    topic: 'user disable',
    options: { username: { type: 'string' } },
    required: ['username'],
    run: async (values, context) => accountsExit(await userDisable(values, accounts(context))),
  },
  'user list': {
    topic: 'user list',
    options: { township: { type: 'string' }, village: { type: 'string' } },
    required: [],
    run: async (values, context) => accountsExit(await userList(values, accounts(context))),
  },
  'device list': {
    topic: 'device list',
    options: { township: { type: 'string' }, village: { type: 'string' } },
    required: [],
    run: async (values, context) => accountsExit(await deviceList(values, accounts(context))),
  },
  'device revoke': {
    topic: 'device revoke',
    options: { device: { type: 'string' } },
    required: ['device'],
    run: async (values, context) => accountsExit(await deviceRevoke(values, accounts(context))),
  },
  generate: {
    topic: 'generate',
    options: { size: { type: 'string' }, seed: { type: 'string' }, village: { type: 'string' } },
    required: ['size'],
    run: async (values, context) => generateExit(await generate(values, residents(context))),
  },
  login: {
    topic: 'login',
    options: {
      server: { type: 'string' },
      username: { type: 'string' },
      device: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    required: ['server', 'username'],
    run: async (values, context) => accountsExit(await login(values, accounts(context))),
  },
};

const GROUPS = new Set(['township', 'village', 'residents', 'rules', 'ledger', 'user', 'device']);

export async function runTown(argv: readonly string[], env: Env, io: CliIo): Promise<number> {
  const [group, action, ...rest] = argv;
  if (group === undefined) {
    io.stderr(helpText('town'));
    return EXIT.usage;
  }
  if (isHelpFlag(group) || group === 'help') {
    io.stdout(helpText('town'));
    return EXIT.ok;
  }
  // A command of one word (login) takes its options right after it.
  const single = GROUPS.has(group) ? undefined : COMMANDS[group];
  if (single !== undefined) return runCommand(single, argv.slice(1), env, io);
  if (!GROUPS.has(group)) return usage(io, 'unknown-command', group, 'npm run town -- --help');
  const groupTopic = group as HelpTopic;
  if (action === undefined) {
    io.stderr(helpText(groupTopic));
    return EXIT.usage;
  }
  if (isHelpFlag(action)) {
    io.stdout(helpText(groupTopic));
    return EXIT.ok;
  }
  const command = COMMANDS[`${group} ${action}`];
  if (command === undefined)
    return usage(io, 'unknown-command', `${group} ${action}`, `npm run town -- ${group} --help`);
  return runCommand(command, rest, env, io);
}

async function runCommand(
  command: Command,
  rest: readonly string[],
  env: Env,
  io: CliIo,
): Promise<number> {
  const helpHint = `npm run town -- ${command.topic} --help`;

  const positionalNames = command.positionals ?? [];
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: positionalNames.length > 0,
    }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const token = /'([^']+)'/.exec(reasonOf(error))?.[1] ?? rest.join(' ');
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      return usage(io, 'missing-value', token.split(' ')[0] ?? token, helpHint);
    return usage(io, 'unknown-option', token, helpHint);
  }
  if (values['help'] === true) {
    io.stdout(helpText(command.topic));
    return EXIT.ok;
  }
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string') strings[key] = value;
    else if (value === true && key !== 'help') strings[key] = 'true';
  }
  const missing = command.required.filter((name) => strings[name] === undefined);
  if (missing.length > 0)
    return usage(io, 'missing-option', missing.map((name) => `--${name}`).join(', '), helpHint);
  const extra = positionals.slice(positionalNames.length);
  if (extra.length > 0) return usage(io, 'unknown-option', extra.join(' '), helpHint);
  const absent = positionalNames.slice(positionals.length);
  if (absent.length > 0)
    return usage(io, 'missing-argument', absent.map((name) => `<${name}>`).join(' '), helpHint);
  positionalNames.forEach((name, index) => {
    const value = positionals[index];
    if (value !== undefined) strings[name] = value;
  });

  try {
    return await command.run(strings, { env, io });
  } catch (error) {
    if (error instanceof CodedError) {
      printError(io, error.code, error.params);
      return error.code === 'store.data-dir-locked' ? EXIT.locked : EXIT.failed;
    }
    io.stderr(`错误：${reasonOf(error)}\nError: ${reasonOf(error)}\n`);
    return EXIT.failed;
  }
}

/** Opens the configured data (locking an embedded data directory), runs `fn`, closes. */
async function withDatabase<T>({ env }: Context, fn: (db: Database) => Promise<T>): Promise<T> {
  const storage = readStorageConfig(env);
  let lock: DataDirLock | undefined;
  let db: Database | undefined;
  const release = (): void => lock?.release();
  process.once('exit', release);
  try {
    if (storage.kind === 'pglite') lock = acquireDataDirLock(storage.dataDir, { role: 'cli' });
    db = await openDatabase(storage);
    await migrate(db, await loadMigrations());
    return await fn(db);
  } finally {
    try {
      await db?.close();
    } finally {
      release();
      process.removeListener('exit', release);
    }
  }
}

function residents(context: Context): ResidentsContext {
  return {
    stdout: context.io.stdout,
    stderr: context.io.stderr,
    withDatabase: (fn) => withDatabase(context, fn),
  };
}

function accounts(context: Context): AccountsContext {
  return {
    stdout: context.io.stdout,
    stderr: context.io.stderr,
    input: context.io.input ?? processInput(),
    withDatabase: (fn) => withDatabase(context, fn),
  };
}

function accountsExit(outcome: AccountsOutcome): number {
  return outcome === 'ok' ? EXIT.ok : outcome === 'usage' ? EXIT.usage : EXIT.failed;
}

function exitOf(outcome: Outcome): number {
  return outcome === 'ok' ? EXIT.ok : EXIT.failed;
}

function ledgerExit(outcome: LedgerOutcome): number {
  return outcome === 'ok' ? EXIT.ok : outcome === 'usage' ? EXIT.usage : EXIT.failed;
}

function generateExit(outcome: GenerateOutcome): number {
  return outcome === 'ok' ? EXIT.ok : outcome === 'usage' ? EXIT.usage : EXIT.failed;
}

function isHelpFlag(arg: string): boolean {
  return arg === '--help' || arg === '-h';
}

function req(values: Readonly<Record<string, string>>, name: string): string {
  const value = values[name];
  if (value === undefined) throw new Error(`option --${name} was not checked`);
  return value;
}

function rejected(io: CliIo, error: AppError): number {
  printError(io, error.code, error.params ?? {});
  return EXIT.failed;
}

function usage(io: CliIo, problem: string, detail: string, help: string): number {
  printError(io, 'cli.usage', { problem, detail, help });
  return EXIT.usage;
}

function printError(io: CliIo, code: ErrorCode, params: ErrorParams): void {
  const message = describeError(code, params);
  io.stderr(`错误：${message.zh}\nError: ${message.en}\n`);
}

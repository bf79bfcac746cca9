/**
 * The CLI's account and device commands: `user add|passwd|disable|list`, `device
 * list|revoke`, and `login` (a sign-in against a running server, over HTTP, to check an
 * account end to end). Arguments and passwords are checked before the database is opened,
 * so bad input writes nothing. Nothing printed ever contains a password or a token.
 */
import { chinaTime } from '../../../shared/ledger/dates.ts';
import type { Role } from '../../../shared/auth/roles.ts';
import { isErrorCode, type ErrorParams } from '../../../shared/errors.ts';
import { PATHS, type LoginResponse } from '../../../shared/sync/protocol.ts';
import { listDevices, revokeDevice } from '../auth/devices.ts';
import { checkPasswordPolicy } from '../auth/passwords.ts';
import {
  changePassword,
  createUser,
  disableUser,
  listUsers,
  validateNewUser,
  validateUsername,
  type ScopeFilter,
} from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import { describeError } from '../messages.ts';
import { passwordFromStdin, PromptCancelled, type CliInput } from './password-input.ts';
import { formatTable } from './table.ts';

export interface AccountsContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly input: CliInput;
  readonly withDatabase: <T>(fn: (db: Database) => Promise<T>) => Promise<T>;
}

/** The result of a command: 'ok', or the exit code's meaning. */
export type AccountsOutcome = 'ok' | 'failed' | 'usage';

type Values = Readonly<Record<string, string>>;

/** The device name the CLI's sign-ins register under. */
export const CLI_DEVICE_NAME = 'town CLI';

export const ROLE_WORDS: { readonly [R in Role]: { readonly zh: string; readonly en: string } } = {
  township_admin: { zh: '乡镇管理员', en: 'township administrator' },
  village_admin: { zh: '村管理员', en: 'village administrator' },
  village_clerk: { zh: '村录入员', en: 'village clerk' },
  village_reviewer: { zh: '村审核员', en: 'village reviewer' },
  bank_liaison: { zh: '银行联络员', en: 'bank liaison' },
};

export async function userAdd(values: Values, context: AccountsContext): Promise<AccountsOutcome> {
  const fields = {
    username: values['username'] ?? '',
    role: values['role'] ?? '',
    villageCode: values['village'],
    townshipCode: values['township'],
    displayName: values['display-name'],
  };
  const input = validateNewUser(fields);
  if (!input.ok) return rejected(context, input.error.code, input.error.params);
  const read = await newPassword(values, context, input.value.username, 'user add');
  if ('outcome' in read) return read.outcome;

  const user = await context.withDatabase((db) => createUser(db, fields, read.password));
  const words = ROLE_WORDS[user.role];
  const scope = user.villageCode ?? user.townshipCode;
  context.stdout(
    `已添加账号 ${user.username}（${user.displayName}，${words.zh} ${user.role}，${user.villageCode === null ? '乡镇' : '村'} ${scope}）。\n` +
      `Added account ${user.username} (${user.displayName}, ${words.en} ${user.role}, ${user.villageCode === null ? 'township' : 'village'} ${scope}).\n`,
  );
  return 'ok';
}

export async function userPasswd(
  values: Values,
  context: AccountsContext,
): Promise<AccountsOutcome> {
  const username = validateUsername(values['username'] ?? '');
  if (!username.ok) return rejected(context, username.error.code, username.error.params);
  const read = await newPassword(values, context, username.value, 'user passwd');
  if ('outcome' in read) return read.outcome;

  const { user, revokedSessions } = await context.withDatabase((db) =>
    changePassword(db, username.value, read.password),
  );
  context.stdout(
    `已为账号 ${user.username} 设置新密码，结束了它的 ${revokedSessions} 个登录，并解除了锁定。\n` +
      `Set a new password for ${user.username}, ended its ${revokedSessions} sign-in(s) and lifted any lockout.\n`,
  );
  return 'ok';
}

export async function userDisable(
  values: Values,
  context: AccountsContext,
): Promise<AccountsOutcome> {
  const username = validateUsername(values['username'] ?? '');
  if (!username.ok) return rejected(context, username.error.code, username.error.params);
  const { user, revokedSessions } = await context.withDatabase((db) =>
    disableUser(db, username.value),
  );
  context.stdout(
    `已停用账号 ${user.username}，结束了它的 ${revokedSessions} 个登录。它的记录保留不变。\n` +
      `Disabled account ${user.username} and ended its ${revokedSessions} sign-in(s). Its records stay.\n`,
  );
  return 'ok';
}

export async function userList(values: Values, context: AccountsContext): Promise<AccountsOutcome> {
  const users = await context.withDatabase((db) => listUsers(db, scopeFilter(values)));
  if (users.length === 0) {
    context.stdout(
      '还没有账号。用 npm run town -- user add --username <用户名> --role <角色> --village <12位代码> 添加。\n' +
        'There are no accounts yet. Add one with: npm run town -- user add --username <name> --role <role> --village <12 digits>\n',
    );
    return 'ok';
  }
  const now = Date.now();
  const rows = users.map((user) => [
    user.username,
    user.displayName,
    `${user.role}（${ROLE_WORDS[user.role].zh}）`,
    user.villageCode === null
      ? `${user.townshipCode} ${user.townshipName}`
      : `${user.villageCode} ${user.villageName ?? ''}`,
    user.disabledAt !== null
      ? '已停用'
      : user.lockedUntil !== null && user.lockedUntil > now
        ? `锁定至 ${chinaTime(user.lockedUntil)}`
        : '正常',
    String(user.activeSessions),
    chinaTime(user.createdAt),
  ]);
  context.stdout(
    formatTable(['用户名', '姓名', '角色', '所属村或乡镇', '状态', '登录数', '创建时间'], rows),
  );
  context.stdout(
    `共 ${users.length} 个账号（时间为北京时间）。 ${users.length} account(s); times are Beijing time.\n`,
  );
  return 'ok';
}

export async function deviceList(
  values: Values,
  context: AccountsContext,
): Promise<AccountsOutcome> {
  const devices = await context.withDatabase((db) => listDevices(db, scopeFilter(values)));
  if (devices.length === 0) {
    context.stdout(
      '还没有登记的设备。设备在第一次联网登录时自动登记。\n' +
        'No devices are registered yet. A device registers at its first sign-in online.\n',
    );
    return 'ok';
  }
  const rows = devices.map((device) => [
    device.id,
    device.name,
    device.villageCode === null
      ? `${device.townshipCode} ${device.townshipName}`
      : `${device.villageCode} ${device.villageName ?? ''}`,
    device.registeredByUsername,
    chinaTime(device.createdAt),
    `${chinaTime(device.lastSeenAt)}${device.lastUsername === null ? '' : ` ${device.lastUsername}`}`,
    device.revokedAt === null ? `正常（${device.activeSessions} 个登录）` : '已停用',
  ]);
  context.stdout(
    formatTable(
      ['设备编号', '名称', '所属村或乡镇', '登记人', '登记时间', '最近登录', '状态'],
      rows,
    ),
  );
  context.stdout(
    `共 ${devices.length} 台设备（时间为北京时间）。停用设备：npm run town -- device revoke --device <设备编号>\n` +
      `${devices.length} device(s); times are Beijing time. Revoke one with: npm run town -- device revoke --device <id>\n`,
  );
  return 'ok';
}

export async function deviceRevoke(
  values: Values,
  context: AccountsContext,
): Promise<AccountsOutcome> {
  const id = values['device'] ?? '';
  if (!/^[0-9A-Za-z]{26}$/.test(id.trim()))
    return rejected(context, 'auth.device-unknown', { deviceId: id });
  const { device, revokedSessions } = await context.withDatabase((db) => revokeDevice(db, id));
  context.stdout(
    `已停用设备 ${device.id}（${device.name}），结束了它的 ${revokedSessions} 个登录。它不能再登录或同步；已同步的记录保留。\n` +
      `Revoked device ${device.id} (${device.name}) and ended its ${revokedSessions} sign-in(s). It can no longer sign in or sync; what it synced stays.\n`,
  );
  return 'ok';
}

/**
 * Signs in over HTTP as the app would (registering or reusing a 'town CLI' device), prints
 * who is signed in, then logs out again: the tokens are never printed nor kept.
 */
export async function login(values: Values, context: AccountsContext): Promise<AccountsOutcome> {
  const server = serverUrl(values['server'] ?? '');
  if (server === undefined)
    return usage(context, 'invalid-value', `--server ${values['server'] ?? ''}`, 'login');
  const username = values['username'] ?? '';
  const read = await existingPassword(values, context, 'login');
  if ('outcome' in read) return read.outcome;
  const { password } = read;
  const deviceId = values['device'];

  const call = (path: string, init: RequestInit) =>
    fetch(`${server}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
  let response: Response;
  try {
    response = await call(PATHS.login, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username,
        password,
        deviceName: CLI_DEVICE_NAME,
        ...(deviceId === undefined ? {} : { deviceId }),
      }),
    });
  } catch {
    return rejected(context, 'auth.server-unreachable', { url: server });
  }
  if (!response.ok) {
    return serverRefusal(context, response, {
      username: username.trim().toLowerCase(),
      deviceId: deviceId ?? '',
      url: server,
    });
  }
  const signedIn = (await response.json()) as LoginResponse;
  const { user, device } = signedIn;
  const words = ROLE_WORDS[user.role];
  const scopeZh =
    user.villageCode === null
      ? `乡镇 ${user.townshipCode}`
      : `村 ${user.villageCode}（乡镇 ${user.townshipCode}）`;
  const scopeEn =
    user.villageCode === null
      ? `township ${user.townshipCode}`
      : `village ${user.villageCode} (township ${user.townshipCode})`;
  context.stdout(
    `已登录 ${server}：${user.displayName}（${user.username}），${words.zh} ${user.role}，${scopeZh}。\n` +
      `设备：${device.name}（${device.id}）。访问令牌有效至 ${chinaTime(signedIn.accessExpiresAt)}，刷新令牌有效至 ${chinaTime(signedIn.refreshExpiresAt)}（北京时间）。\n` +
      `Signed in to ${server}: ${user.displayName} (${user.username}), ${words.en} ${user.role}, ${scopeEn}.\n` +
      `Device: ${device.name} (${device.id}). Access token valid until ${chinaTime(signedIn.accessExpiresAt)}, refresh token until ${chinaTime(signedIn.refreshExpiresAt)} (Beijing time).\n`,
  );

  let loggedOut = false;
  try {
    const out = await call(PATHS.logout, {
      method: 'POST',
      headers: { authorization: `Bearer ${signedIn.accessToken}` },
    });
    loggedOut = out.status === 204;
  } catch {
    loggedOut = false;
  }
  context.stdout(
    loggedOut
      ? `已退出登录，令牌未保存。下次可加 --device ${device.id} 沿用此设备。\n` +
          `Signed out again; no token was kept. Add --device ${device.id} next time to reuse this device.\n`
      : `警告：未能退出这次登录；它将在 ${chinaTime(signedIn.refreshExpiresAt)} 过期，也可用 device revoke 结束。\n` +
          `Warning: could not sign out; the session expires at ${chinaTime(signedIn.refreshExpiresAt)}, or end it with device revoke.\n`,
  );
  return 'ok';
}

/** A password read, or why the command ends without one. */
type PasswordRead = { readonly password: string } | { readonly outcome: AccountsOutcome };

/** A new password, from stdin or typed twice; checked against the policy. */
async function newPassword(
  values: Values,
  context: AccountsContext,
  username: string,
  command: string,
): Promise<PasswordRead> {
  let password: string;
  if (values['password-stdin'] === 'true') {
    password = passwordFromStdin(await context.input.readAll());
  } else if (context.input.isTTY) {
    try {
      password = await context.input.promptHidden('新密码 New password: ');
      const again = await context.input.promptHidden('再输入一次 Repeat it: ');
      if (again !== password) return { outcome: rejected(context, 'auth.password-mismatch', {}) };
    } catch (error) {
      return { outcome: cancelled(context, error) };
    }
  } else {
    return { outcome: usage(context, 'missing-option', '--password-stdin', command) };
  }
  const policy = checkPasswordPolicy(username, password);
  if (!policy.ok) return { outcome: rejected(context, policy.error.code, policy.error.params) };
  return { password };
}

async function existingPassword(
  values: Values,
  context: AccountsContext,
  command: string,
): Promise<PasswordRead> {
  if (values['password-stdin'] === 'true')
    return { password: passwordFromStdin(await context.input.readAll()) };
  if (!context.input.isTTY)
    return { outcome: usage(context, 'missing-option', '--password-stdin', command) };
  try {
    return { password: await context.input.promptHidden('密码 Password: ') };
  } catch (error) {
    return { outcome: cancelled(context, error) };
  }
}

function cancelled(context: AccountsContext, error: unknown): AccountsOutcome {
  if (!(error instanceof PromptCancelled)) throw error;
  context.stderr('已取消，未作修改。\nCancelled; nothing was changed.\n');
  return 'failed';
}

/** The server's refusal in words; the server's Chinese message, and the code's English. */
async function serverRefusal(
  context: AccountsContext,
  response: Response,
  known: ErrorParams,
): Promise<AccountsOutcome> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error =
    typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (!isErrorCode(code)) {
    context.stderr(
      `错误：乡镇服务器 ${String(known['url'])} 的回答无法识别（HTTP ${response.status}）。请检查 --server 是否是镇服务器的地址。\n` +
        `Error: the answer of ${String(known['url'])} is not a town server's (HTTP ${response.status}). Check that --server is the town server's address.\n`,
    );
    return 'failed';
  }
  const retryAfter = response.headers.get('retry-after');
  const params: ErrorParams = { ...known, ...(retryAfter === null ? {} : { retryAfter }) };
  const words = describeError(code, params);
  const serverWords = (error as { message?: unknown }).message;
  context.stderr(
    `错误：${typeof serverWords === 'string' ? serverWords : words.zh}\nError: ${words.en}\n`,
  );
  return 'failed';
}

function serverUrl(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '')
      return undefined;
    return url.href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

function scopeFilter(values: Values): ScopeFilter {
  return { townshipCode: values['township'], villageCode: values['village'] };
}

function rejected(
  context: AccountsContext,
  code: Parameters<typeof describeError>[0],
  params: ErrorParams | undefined,
): AccountsOutcome {
  const message = describeError(code, params ?? {});
  context.stderr(`错误：${message.zh}\nError: ${message.en}\n`);
  return 'failed';
}

function usage(
  context: AccountsContext,
  problem: string,
  detail: string,
  command: string,
): AccountsOutcome {
  rejected(context, 'cli.usage', { problem, detail, help: `npm run town -- ${command} --help` });
  return 'usage';
}

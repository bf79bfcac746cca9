/**
 * Messages of the account, session and device codes (auth.*), worded exactly as the app's
 * catalogues word them (renderer/src/i18n/zh-CN.ts and en.ts, keys `errors.auth.*`;
 * server/src/messages.test.ts keeps them equal): a clerk reads the same sentence in the app
 * and a township officer in the CLI.
 */
import type { ErrorCode } from '../../../shared/errors.ts';
import type { Message } from '../messages.ts';

export type AuthCode = Extract<ErrorCode, `auth.${string}`>;

export const AUTH_MESSAGES: { readonly [C in AuthCode]: Message } = {
  'auth.credentials-invalid': {
    zh: '用户名或密码不正确。请核对后重试；连续输错多次，账号会被暂时锁定。',
    en: 'The username or password is wrong. Check them and try again; after several wrong attempts the account is locked for a while.',
  },
  'auth.rate-limited': {
    zh: '登录尝试过于频繁，请 {retryAfter} 秒后再试。',
    en: 'Too many sign-in attempts. Try again in {retryAfter} seconds.',
  },
  'auth.locked': {
    zh: '账号「{username}」因多次密码错误被暂时锁定，请 {retryAfter} 秒后再试，或请管理员重设密码。',
    en: 'Account “{username}” is locked for a while after several wrong passwords. Try again in {retryAfter} seconds, or ask an administrator to reset the password.',
  },
  'auth.token-missing': {
    zh: '请先登录。',
    en: 'Please sign in first.',
  },
  'auth.token-invalid': {
    zh: '登录凭证无效，请重新登录。',
    en: 'The sign-in token is not valid. Please sign in again.',
  },
  'auth.token-expired': {
    zh: '登录已过期，请重新登录。',
    en: 'Your sign-in has expired. Please sign in again.',
  },
  'auth.session-revoked': {
    zh: '这次登录已退出或已被管理员撤销，请重新登录。',
    en: 'This sign-in was ended or revoked by an administrator. Please sign in again.',
  },
  'auth.refresh-invalid': {
    zh: '登录已失效，请重新登录。',
    en: 'Your sign-in is no longer valid. Please sign in again.',
  },
  'auth.user-disabled': {
    zh: '账号「{username}」已停用。如需继续使用，请联系乡镇管理员。',
    en: 'Account “{username}” is disabled. Ask the township administrator if you still need it.',
  },
  'auth.forbidden': {
    zh: '当前账号的角色无权进行此操作。',
    en: 'Your account’s role does not allow this.',
  },
  'auth.password-weak': {
    zh: '密码太简单：至少 {minLength} 位，须同时含有字母和数字，且不能包含用户名。',
    en: 'The password is too weak: use at least {minLength} characters with both letters and digits, not containing the username.',
  },
  'auth.username-invalid': {
    zh: '用户名「{value}」不可用：应为 3 至 32 位小写字母、数字、点、下划线或连字符，并以字母开头。',
    en: 'Username “{value}” is not allowed: use 3 to 32 lower-case letters, digits, dots, underscores or hyphens, starting with a letter.',
  },
  'auth.username-exists': {
    zh: '用户名「{username}」已被使用，请换一个。',
    en: 'Username “{username}” is taken. Choose another.',
  },
  'auth.user-unknown': {
    zh: '没有用户名为「{username}」的账号。',
    en: 'There is no account with username “{username}”.',
  },
  'auth.role-invalid': {
    zh: '角色「{value}」不存在。可用的角色：township_admin（乡镇管理员）、village_admin（村管理员）、village_clerk（村录入员）、village_reviewer（村审核员）、bank_liaison（银行联络员）。',
    en: 'There is no role “{value}”. Roles: township_admin, village_admin, village_clerk, village_reviewer, bank_liaison.',
  },
  'auth.role-scope-mismatch': {
    zh: '角色 {role} 须用 {option} 指定所属范围（村账号指定村，乡镇和银行账号指定乡镇，只能指定一个）。',
    en: 'Role {role} needs {option} (village accounts name a village, township and bank accounts a township; give exactly one).',
  },
  'auth.device-revoked': {
    zh: '本机（设备 {deviceId}）已被乡镇管理员停用，不能再登录或同步。请联系乡镇管理员。',
    en: 'This device ({deviceId}) was revoked by the township administrator and can no longer sign in or sync. Contact the township administrator.',
  },
  'auth.device-other-village': {
    zh: '本机已登记在另一个村，不能用本村以外的账号登录。如需改用，请乡镇管理员停用本机的登记后重新登录。',
    en: 'This device is registered to another village and cannot be used with this account. To reassign it, ask the township administrator to revoke its registration, then sign in again.',
  },
  'auth.device-unknown': {
    zh: '没有编号为「{deviceId}」的设备。',
    en: 'There is no device “{deviceId}”.',
  },
  'auth.server-needed': {
    zh: '此账号第一次在本机登录，需要连接乡镇服务器。请联网后重试。',
    en: 'This account signs in on this device for the first time, which needs the town server. Connect to the network and try again.',
  },
  'auth.password-mismatch': {
    zh: '两次输入的密码不一致，请重新输入。',
    en: 'The two passwords do not match. Enter them again.',
  },
  'auth.server-unreachable': {
    zh: '无法连接乡镇服务器 {url}，不能登录。请检查网络和服务器地址后重试。',
    en: 'The town server {url} cannot be reached, so you cannot sign in. Check the network and the server address, then try again.',
  },
};

/**
 * Messages of the sync codes (sync.*), worded exactly as the app's catalogues word them
 * (renderer/src/i18n/zh-CN.ts and en.ts, keys `errors.sync.*`; server/src/messages.test.ts
 * keeps them equal): the reason a device shows in its sync problems list is the server's.
 */
import type { ErrorCode } from '../../../shared/errors.ts';
import type { Message } from '../messages.ts';

export type SyncCode = Extract<ErrorCode, `sync.${string}`>;

export const SYNC_MESSAGES: { readonly [C in SyncCode]: Message } = {
  'sync.client-outdated': {
    zh: '请更新软件：本机「{collection}」的数据版本 {clientVersion} 低于乡镇服务器的 {serverVersion}，更新后才能同步。',
    en: 'Please update the app: its “{collection}” data version {clientVersion} is older than the town server’s {serverVersion}. Sync resumes after the update.',
  },
  'sync.server-outdated': {
    zh: '乡镇服务器的版本较旧（「{collection}」数据版本 {serverVersion}，本机 {clientVersion}）。请联系乡镇管理员升级服务器。',
    en: 'The town server is older than this app (“{collection}” data version {serverVersion}, this app {clientVersion}). Ask the township administrator to upgrade it.',
  },
  'sync.schema-version-missing': {
    zh: '同步请求缺少数据版本号（请求头 X-Schema-Version），请更新软件。',
    en: 'The sync request does not state its data version (header X-Schema-Version). Please update the app.',
  },
  'sync.row-invalid': {
    zh: '记录「{id}」不符合数据格式，未上传：{reason}',
    en: 'Record “{id}” does not match the data format and was not uploaded: {reason}',
  },
  'sync.row-forbidden': {
    zh: '记录「{id}」不在本账号可修改的范围内（属于其他村，或是乡镇发布的内容），未上传。',
    en: 'Record “{id}” is outside what this account may change (another village’s, or published by the township) and was not uploaded.',
  },
  'sync.field-immutable': {
    zh: '记录「{id}」的「{field}」在创建后不能修改，本次修改未上传。',
    en: 'Field “{field}” of record “{id}” cannot change after creation; this change was not uploaded.',
  },
  'sync.workflow-backward': {
    zh: '记录「{id}」的「{field}」不能从「{from}」退回「{to}」，本次修改未上传。',
    en: '“{field}” of record “{id}” cannot go back from “{from}” to “{to}”; this change was not uploaded.',
  },
  'sync.batch-too-large': {
    zh: '一次最多上传 {max} 条记录。',
    en: 'At most {max} records can be uploaded at once.',
  },
  'sync.server-unreachable': {
    zh: '无法连接乡镇服务器 {url}。数据已保存在本机，联网后会自动上传。',
    en: 'The town server {url} cannot be reached. Your data is kept on this device and uploads once the connection is back.',
  },
  'sync.server-error': {
    zh: '乡镇服务器出错（{status}），稍后会自动重试。',
    en: 'The town server failed ({status}). Sync will retry by itself.',
  },
  'sync.not-signed-in': {
    zh: '需要联网登录一次才能同步。',
    en: 'Sign in once while online to sync.',
  },
  'sync.upload-stalled': {
    zh: '本机记录「{id}」未能上传（内部错误 {reason}），仍完整保存在本机。',
    en: 'Record “{id}” could not be uploaded (internal error {reason}); it is kept intact on this computer.',
  },
};

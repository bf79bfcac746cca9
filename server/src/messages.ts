/**
 * Chinese and English text for the error codes the server and the admin CLI raise. Each
 * message says what is wrong and what to do. The type requires a message for every code
 * of the groups the server owns, so adding a code without its text fails to compile.
 */
import type { ErrorCode, ErrorParams } from '../../shared/errors.ts';

type ServerCode = Extract<
  ErrorCode,
  `place.${string}` | `store.${string}` | `http.${string}` | `cli.${string}`
>;

export interface Message {
  readonly zh: string;
  readonly en: string;
}

type Texts = (p: Params) => Message;

class Params {
  readonly #params: ErrorParams;
  constructor(params: ErrorParams) {
    this.#params = params;
  }
  get(name: string): string {
    const value = this.#params[name];
    return value === undefined ? '' : String(value);
  }
}

const TOWNSHIP_FORMAT_ZH = '乡镇代码应为 9 位数字的统计用区划代码（如 320321100）';
const TOWNSHIP_FORMAT_EN =
  'a township code is the 9-digit statistical division code (e.g. 320321100)';
const VILLAGE_FORMAT_ZH =
  '村代码应为 12 位数字的统计用区划代码，前 9 位是所属乡镇代码（如 320321100201）';
const VILLAGE_FORMAT_EN =
  'a village code is the 12-digit statistical division code whose first 9 digits are its township code (e.g. 320321100201)';

const MESSAGES: { readonly [C in ServerCode]: Texts } = {
  'place.township-code-invalid': (p) => ({
    zh: `乡镇代码「${p.get('value')}」格式不对：${TOWNSHIP_FORMAT_ZH}。`,
    en: `Township code "${p.get('value')}" is malformed: ${TOWNSHIP_FORMAT_EN}.`,
  }),
  'place.village-code-invalid': (p) => ({
    zh: `村代码「${p.get('value')}」格式不对：${VILLAGE_FORMAT_ZH}。`,
    en: `Village code "${p.get('value')}" is malformed: ${VILLAGE_FORMAT_EN}.`,
  }),
  'place.name-invalid': (p) => ({
    zh: `名称「${p.get('value')}」不可用：名称应为 1 至 40 个字，不能含控制字符。`,
    en: `Name "${p.get('value')}" is not allowed: use 1 to 40 characters without control characters.`,
  }),
  'place.township-unknown': (p) => ({
    zh: `没有代码为 ${p.get('code')} 的乡镇。请先用 town township add 添加该乡镇，或用 town township list 查看已有乡镇。`,
    en: `There is no township with code ${p.get('code')}. Add it first with "town township add", or see the existing ones with "town township list".`,
  }),
  'place.township-exists': (p) => ({
    zh: `代码为 ${p.get('code')} 的乡镇已经存在（${p.get('name')}），未作修改。用 town township list 查看已有乡镇。`,
    en: `A township with code ${p.get('code')} already exists (${p.get('name')}); nothing was changed. See "town township list".`,
  }),
  'place.village-exists': (p) => ({
    zh: `代码为 ${p.get('code')} 的村已经存在（${p.get('name')}），未作修改。用 town village list 查看已有的村。`,
    en: `A village with code ${p.get('code')} already exists (${p.get('name')}); nothing was changed. See "town village list".`,
  }),
  'place.village-not-in-township': (p) => ({
    zh: `村代码 ${p.get('code')} 不属于乡镇 ${p.get('township')}：村代码的前 9 位必须等于所属乡镇代码。请核对村代码或 --township。`,
    en: `Village code ${p.get('code')} is not under township ${p.get('township')}: its first 9 digits must equal the township code. Check the village code or --township.`,
  }),
  'store.collection-unknown': (p) => ({
    zh: `没有名为「${p.get('collection')}」的数据集合。`,
    en: `There is no collection named "${p.get('collection')}".`,
  }),
  'store.data-dir-locked': (p) => {
    const pid = p.get('pid') === '0' ? '' : `（进程 ${p.get('pid')}）`;
    const pidEn = p.get('pid') === '0' ? '' : ` (process ${p.get('pid')})`;
    const dir = p.get('dir');
    const lockFile = p.get('path');
    if (p.get('role') === 'cli') {
      return {
        zh: `另一个 town 命令${pid}正在使用数据目录 ${dir}。请等它结束后再试。`,
        en: `Another town command${pidEn} is using the data directory ${dir}. Try again when it has finished.`,
      };
    }
    if (p.get('attempt') === 'server') {
      return {
        zh: `另一个镇服务器${pid}已在使用数据目录 ${dir}，同一数据目录只能运行一个服务器。请先停止它；如果确定没有服务器在运行，可删除锁文件 ${lockFile}。`,
        en: `Another town server${pidEn} is already using the data directory ${dir}; only one server can run on it. Stop it first; if you are sure none is running, delete the lock file ${lockFile}.`,
      };
    }
    return {
      zh: `镇服务器正在使用数据目录 ${dir}${pid}。请先停止服务器再运行此命令；若要在服务器运行时使用命令行，请改用 PostgreSQL（设置 DATABASE_URL）。如果确定没有服务器在运行，可删除锁文件 ${lockFile}。`,
      en: `The town server is using the data directory ${dir}${pidEn}. Stop the server first; to use the command line while the server runs, use PostgreSQL (set DATABASE_URL). If you are sure no server is running, delete the lock file ${lockFile}.`,
    };
  },
  'store.migration-failed': (p) => ({
    zh: `数据库升级（迁移 ${p.get('migration')}）失败，数据未被修改：${p.get('reason')}`,
    en: `Database migration ${p.get('migration')} failed and was rolled back: ${p.get('reason')}`,
  }),
  'store.newer-than-server': (p) => ({
    zh: `数据库已被更新版本的镇服务器升级（迁移 ${p.get('migration')}），本版本无法使用它。请安装最新版本的镇服务器；数据未被修改。`,
    en: `The database was upgraded by a newer town server (migration ${p.get('migration')}); this version cannot use it. Install the latest town server; nothing was changed.`,
  }),
  'store.unavailable': (p) => ({
    zh: `无法打开数据库 ${p.get('target')}：${p.get('reason')}。请检查 DATABASE_URL 或 TOWN_DATA_DIR，以及数据库是否在运行。`,
    en: `Cannot open the database ${p.get('target')}: ${p.get('reason')}. Check DATABASE_URL or TOWN_DATA_DIR and that the database is running.`,
  }),
  'store.document-invalid': (p) => ({
    zh: `文档「${p.get('id')}」不合规：${p.get('reason')}`,
    en: `Document "${p.get('id')}" is invalid: ${p.get('reason')}`,
  }),
  'store.document-scope-invalid': (p) => ({
    zh: `文档「${p.get('id')}」的归属（村或乡镇）与集合 ${p.get('collection')} 的要求或已存储的归属不符。`,
    en: `Document "${p.get('id')}" does not belong where collection ${p.get('collection')} or its stored copy says it must.`,
  }),
  'store.document-not-found': (p) => ({
    zh: `集合 ${p.get('collection')} 中没有文档「${p.get('id')}」。`,
    en: `Collection ${p.get('collection')} has no document "${p.get('id')}".`,
  }),
  'store.pull-invalid': (p) => ({
    zh: `拉取参数 ${p.get('field')} 的值「${p.get('value')}」无效：应为 ${p.get('expected')}。`,
    en: `Pull parameter ${p.get('field')} has an invalid value "${p.get('value')}": expected ${p.get('expected')}.`,
  }),
  'http.not-found': (p) => ({
    zh: `没有这个地址：${p.get('method')} ${p.get('url')}。`,
    en: `Not found: ${p.get('method')} ${p.get('url')}.`,
  }),
  'http.bad-request': (p) => ({
    zh: `请求无效：${p.get('reason')}`,
    en: `Bad request: ${p.get('reason')}`,
  }),
  'http.internal': () => ({
    zh: '镇服务器内部出错，请稍后再试；如果反复出现，请联系管理员查看服务器日志。',
    en: 'The town server hit an internal error. Try again later; if it keeps happening, ask the administrator to check the server log.',
  }),
  'cli.usage': (p) => usageMessage(p),
  'cli.env-invalid': (p) => ({
    zh: `环境变量 ${p.get('name')} 的值「${p.get('value')}」无效：应为 ${p.get('expected')}。`,
    en: `Environment variable ${p.get('name')} has an invalid value "${p.get('value')}": expected ${p.get('expected')}.`,
  }),
};

function usageMessage(p: Params): Message {
  const detail = p.get('detail');
  const help = p.get('help');
  switch (p.get('problem')) {
    case 'unknown-command':
      return {
        zh: `没有「${detail}」这个命令。用 ${help} 查看可用命令。`,
        en: `There is no command "${detail}". See ${help} for the commands.`,
      };
    case 'missing-option':
      return {
        zh: `缺少选项 ${detail}。用 ${help} 查看用法。`,
        en: `Option ${detail} is missing. See ${help} for usage.`,
      };
    case 'missing-value':
      return {
        zh: `选项 ${detail} 后面缺少值。用 ${help} 查看用法。`,
        en: `Option ${detail} needs a value. See ${help} for usage.`,
      };
    case 'unknown-option':
      return {
        zh: `无法识别的选项或参数：${detail}。用 ${help} 查看用法。`,
        en: `Unknown option or argument: ${detail}. See ${help} for usage.`,
      };
    default:
      return {
        zh: `命令用法不对：${detail}。用 ${help} 查看用法。`,
        en: `Wrong usage: ${detail}. See ${help} for usage.`,
      };
  }
}

function isServerCode(code: ErrorCode): code is ServerCode {
  return Object.hasOwn(MESSAGES, code);
}

/** The Chinese and English message for `code`; codes of other groups get a generic text. */
export function describeError(code: ErrorCode, params: ErrorParams = {}): Message {
  if (isServerCode(code)) return MESSAGES[code](new Params(params));
  return { zh: `操作失败（${code}）。`, en: `The operation failed (${code}).` };
}

/**
 * Chinese and English text for the error codes the server and the admin CLI raise. Each
 * message says what is wrong and what to do. The types require a message for every code
 * of the groups the server speaks, so adding a code without its text fails to compile:
 * the groups the server owns (place, store, http, cli), and the register's groups
 * (resident, household, import, xlsx), which the town CLI's register import reports.
 */
import type { ErrorCode, ErrorParams } from '../../shared/errors.ts';
import { AUTH_MESSAGES, type AuthCode } from './auth/messages.ts';
import { LEDGER_MESSAGES, type LedgerCode } from './ledger/messages.ts';
import { SYNC_MESSAGES, type SyncCode } from './sync/messages.ts';

type ServerCode = Extract<
  ErrorCode,
  `place.${string}` | `store.${string}` | `http.${string}` | `cli.${string}`
>;

/** Codes of the resident register, worded exactly as the app's catalogues word them. */
type RegisterCode = Extract<
  ErrorCode,
  `resident.${string}` | `household.${string}` | `import.${string}` | `xlsx.${string}`
>;

/**
 * Codes whose sentences the app and the server share word for word: the register's, the
 * accounts' (auth/messages.ts), sync's (sync/messages.ts) and the ledger's (ledger/messages.ts).
 */
type MirroredCode = RegisterCode | AuthCode | SyncCode | LedgerCode;

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
  'place.village-unknown': (p) => ({
    zh: `没有代码为 ${p.get('code')} 的村。请先用 town village add 添加该村，或用 town village list 查看已有的村。`,
    en: `There is no village with code ${p.get('code')}. Add it first with “town village add”, or see the existing ones with “town village list”.`,
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
  'http.https-required': () => ({
    zh: '镇服务器只接受 HTTPS 连接，请使用以 https:// 开头的地址。',
    en: 'The town server only accepts HTTPS. Use an address that starts with https://.',
  }),
  'http.payload-too-large': (p) => ({
    zh: `请求内容过大（上限 ${p.get('limit')} 字节），已拒绝。`,
    en: `The request is too large (limit ${p.get('limit')} bytes) and was refused.`,
  }),
  'http.origin-forbidden': (p) => ({
    zh: `来源「${p.get('origin')}」不允许访问镇服务器。`,
    en: `Origin "${p.get('origin')}" may not use the town server.`,
  }),
  'cli.file-unreadable': (p) => {
    // The reason arrives as a code ('file-not-found'); say it in words.
    const reason = VALUE_WORDS[p.get('reason')] ?? { zh: p.get('reason'), en: p.get('reason') };
    return {
      zh: `无法读取文件 ${p.get('file')}（${reason.zh}）。请检查文件名、所在的文件夹和读取权限。`,
      en: `Cannot read file ${p.get('file')} (${reason.en}). Check its name, its folder and that you may read it.`,
    };
  },
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
    case 'missing-argument':
      return {
        zh: `缺少参数 ${detail}。用 ${help} 查看用法。`,
        en: `Argument ${detail} is missing. See ${help} for usage.`,
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

/**
 * The register's messages, copied from the app's catalogues (renderer/src/i18n/zh-CN.ts and
 * en.ts, keys `errors.<code>`; messages.test.ts keeps them equal) with the same `{name}`
 * placeholders, so a clerk reads the same sentence in the app and in the CLI's report.
 */
const REGISTER_MESSAGES: { readonly [C in RegisterCode]: Message } = {
  'xlsx.not-a-workbook': {
    zh: '无法读取该文件：它不是 Excel 工作簿（.xlsx），或文件已损坏。请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。',
    en: 'This file can’t be read: it is not an Excel workbook (.xlsx), or it is damaged. Open it in Excel or WPS, save it as .xlsx and try again.',
  },
  'xlsx.legacy-or-encrypted': {
    zh: '这是旧版 .xls 文件或设有打开密码的文件。请在 Excel 或 WPS 中另存为 .xlsx（不设密码）后再导入。',
    en: 'This is an old .xls file or a password-protected workbook. Save it as .xlsx without a password, then import it again.',
  },
  'xlsx.too-large': {
    zh: '文件解压后超过 {max} 字节，已拒绝读取。请删除无关的工作表或拆分文件后再试。',
    en: 'Unpacked, this file is larger than {max} bytes and was refused. Remove unrelated sheets or split the file, then try again.',
  },
  'xlsx.sheet-too-large': {
    zh: '工作表太大：最多读取 {maxRows} 行、{maxColumns} 列。请拆分后再导入。',
    en: 'The sheet is too large: at most {maxRows} rows and {maxColumns} columns are read. Split it and import again.',
  },
  'xlsx.sheet-missing': {
    zh: '找不到工作表「{sheet}」，或工作簿中没有可读取的工作表。',
    en: 'Sheet “{sheet}” was not found, or the workbook has no worksheet to read.',
  },
  'resident.id-format': {
    zh: '身份证号「{value}」格式不对：应为 18 位（前 17 位是数字，最后一位是数字或 X），或 15 位旧号码。',
    en: 'ID number “{value}” is malformed: use 18 characters (17 digits, then a digit or X), or a 15-digit legacy number.',
  },
  'resident.id-region': {
    zh: '身份证号「{value}」的前 6 位地区码 {region} 不存在：前两位应为有效的省级代码。请核对证件。',
    en: 'ID number “{value}” has an impossible region code {region}: the first two digits must be a valid province code. Check the card.',
  },
  'resident.id-birth-date': {
    zh: '身份证号「{value}」中的出生日期 {date} 不成立：{reason}。请核对证件。',
    en: 'ID number “{value}” holds an impossible birth date {date}: {reason}. Check the card.',
  },
  'resident.id-check-digit': {
    zh: '身份证号「{value}」的校验位不对：按前 17 位计算应为 {expected}。请逐位核对号码。',
    en: 'ID number “{value}” has a wrong check character: the first 17 digits give {expected}. Check each digit.',
  },
  'resident.id-birth-mismatch': {
    zh: '填写的出生日期 {entered} 与身份证号中的 {fromId} 不一致。请以证件为准修改出生日期，或核对号码。',
    en: 'The birth date entered ({entered}) differs from the one in the ID number ({fromId}). Correct the birth date to match the card, or check the number.',
  },
  'resident.id-gender-mismatch': {
    zh: '填写的性别「{entered}」与身份证号第 17 位表示的「{fromId}」不一致。请以证件为准修改性别，或核对号码。',
    en: 'The gender entered ({entered}) differs from the one the ID number gives ({fromId}). Correct it to match the card, or check the number.',
  },
  'resident.id-duplicate': {
    zh: '身份证号已登记：村民「{name}」（户编号 {household}）使用了同一号码。同一号码在本村只能登记一次。',
    en: 'This ID number is already registered to {name} (household {household}). A number can be registered once per village.',
  },
  'resident.name-missing': {
    zh: '姓名不能为空。',
    en: 'The name is missing.',
  },
  'resident.name-invalid': {
    zh: '姓名「{value}」不可用：应为 1 至 50 个字，不能含数字或控制字符。',
    en: 'The name “{value}” is not allowed: use 1 to 50 characters, without digits or control characters.',
  },
  'resident.phone-invalid': {
    zh: '联系电话「{value}」不对：应为 11 位手机号（1 开头），或带区号的固定电话（如 0510-86012345）。',
    en: 'Phone “{value}” is not valid: use an 11-digit mobile number starting with 1, or a landline with area code (e.g. 0510-86012345).',
  },
  'household.head-count': {
    zh: '户「{household}」应有且只有一位户主，现在有 {count} 位。请指定一位户主。',
    en: 'Household {household} must have exactly one head; it has {count}. Choose one head.',
  },
  'household.relation-unknown': {
    zh: '与户主关系「{value}」无法识别：请填写 户主、配偶、子女、父母、兄弟姐妹、孙子女 或 其他。',
    en: 'Relation “{value}” is not recognised: use 户主, 配偶, 子女, 父母, 兄弟姐妹, 孙子女 or 其他.',
  },
  'household.number-duplicate': {
    zh: '户编号「{value}」已被另一户使用。户编号在本村内必须唯一。',
    en: 'Household number “{value}” is already used by another household. Numbers must be unique in the village.',
  },
  'household.member-not-found': {
    zh: '村民「{resident}」不是户「{household}」的现有成员。',
    en: 'Resident {resident} is not a current member of household {household}.',
  },
  'household.member-already': {
    zh: '村民「{resident}」已经是户「{household}」的成员。',
    en: 'Resident {resident} is already a member of household {household}.',
  },
  'household.inactive': {
    zh: '户「{household}」已注销（已合并或已拆分），不能再变更成员。',
    en: 'Household {household} is closed (merged or split) and its members can no longer change.',
  },
  'household.head-leaving': {
    zh: '户主不能直接迁出或拆出：请先为户「{household}」指定新户主。',
    en: 'The head cannot leave directly: first choose a new head for household {household}.',
  },
  'household.date-invalid': {
    zh: '变更日期 {date} 不对：不能早于该成员入户日期 {since}，也不能晚于今天。',
    en: 'The date {date} is not valid: it cannot be before the member joined ({since}) or after today.',
  },
  'import.file-empty': {
    zh: '文件中没有村民数据：表头下面没有任何一行。请在模板表头下逐行填写村民后再导入。',
    en: 'The file holds no residents: there is no row under the header. Fill in one row per resident under the template’s header and import again.',
  },
  'import.column-missing': {
    zh: '缺少必填列「{column}」。请在表头行加上这一列（可对照下载的模板），再导入。',
    en: 'The required column “{column}” is missing. Add it to the header row (compare with the template) and import again.',
  },
  'import.column-duplicate': {
    zh: '「{column}」列与「{other}」列是同一项内容，无法判断以哪一列为准。请删除或改名其中一列。',
    en: 'Columns “{column}” and “{other}” hold the same field, so it is unclear which counts. Delete or rename one of them.',
  },
  'import.value-missing': {
    zh: '「{column}」不能为空。请填写后再导入。',
    en: '“{column}” must not be empty. Fill it in and import again.',
  },
  'import.value-too-long': {
    zh: '「{column}」太长：最多 {max} 个字。请缩短。',
    en: '“{column}” is too long: at most {max} characters. Shorten it.',
  },
  'import.tags-invalid': {
    zh: '「{column}」不对：最多 {maxTags} 个标签，每个不超过 {maxLength} 个字，标签之间用顿号、逗号或空格分开。',
    en: '“{column}” is not valid: at most {maxTags} tags of at most {maxLength} characters each, separated by 、, commas or spaces.',
  },
  'import.id-as-number': {
    zh: '身份证号「{value}」被 Excel 存成了数字，后几位已经丢失。请把该列设为“文本”格式，再重新填写完整号码。',
    en: 'The ID “{value}” was stored by Excel as a number and its last digits are lost. Format the column as Text and retype the full number.',
  },
  'import.id-duplicate-in-file': {
    zh: '同一身份证号在文件中出现了两次：第 {otherRow} 行「{otherName}」也使用了这个号码。一个号码只能对应一位村民，请核对这两行。',
    en: 'This ID number appears twice in the file: row {otherRow} ({otherName}) has it too. A number belongs to one resident; check both rows.',
  },
  'import.group-unknown': {
    zh: '村民小组「{value}」在本村还没有。可以先新建这个小组，或改为已有的小组名称。',
    en: 'The village has no group “{value}”. Create the group first, or use an existing group’s name.',
  },
  'import.household-conflict': {
    zh: '户「{household}」各行的「{column}」填写不一致：第 {firstRow} 行是「{first}」，这一行不同。请统一，或只在户主那一行填写。',
    en: 'Rows of household {household} disagree on “{column}”: row {firstRow} says “{first}” and this row differs. Make them the same, or fill it in on the head’s row only.',
  },
};

/**
 * Parameters that are codes rather than values (a gender, why a birth date is impossible),
 * in words: the catalogues' `values.<code>` entries.
 */
const VALUE_WORDS: { readonly [value: string]: Message } = {
  male: { zh: '男', en: 'male' },
  female: { zh: '女', en: 'female' },
  'not-a-date': { zh: '日历上没有这一天', en: 'no such day in the calendar' },
  'in-the-future': { zh: '晚于今天', en: 'it is after today' },
  'before-1900': { zh: '早于 1900 年', en: 'it is before 1900' },
  'file-not-found': { zh: '找不到文件', en: 'file not found' },
  'file-no-permission': { zh: '没有读取权限', en: 'no permission to read it' },
  'file-is-a-directory': { zh: '这是一个文件夹，不是文件', en: 'it is a folder, not a file' },
  'file-io-error': { zh: '读取出错', en: 'a read error' },
};

const PLACEHOLDER = /\{([a-zA-Z0-9_]+)\}/g;

/** Fills {name} placeholders like the app does; a missing parameter stays visible. */
function fill(template: string, params: ErrorParams, language: keyof Message): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return VALUE_WORDS[String(value)]?.[language] ?? String(value);
  });
}

function isServerCode(code: ErrorCode): code is ServerCode {
  return Object.hasOwn(MESSAGES, code);
}

const MIRRORED_MESSAGES: { readonly [C in MirroredCode]: Message } = {
  ...REGISTER_MESSAGES,
  ...AUTH_MESSAGES,
  ...SYNC_MESSAGES,
  ...LEDGER_MESSAGES,
};

function isMirroredCode(code: ErrorCode): code is MirroredCode {
  return Object.hasOwn(MIRRORED_MESSAGES, code);
}

/** The Chinese and English message for `code`; codes of other groups get a generic text. */
export function describeError(code: ErrorCode, params: ErrorParams = {}): Message {
  if (isServerCode(code)) return MESSAGES[code](new Params(params));
  if (isMirroredCode(code)) {
    const template = MIRRORED_MESSAGES[code];
    return { zh: fill(template.zh, params, 'zh'), en: fill(template.en, params, 'en') };
  }
  return { zh: `操作失败（${code}）。`, en: `The operation failed (${code}).` };
}

/** The app-mirrored message templates (placeholders unfilled), for the catalogue check. */
export function mirroredMessageTemplates(): Readonly<Record<MirroredCode, Message>> {
  return MIRRORED_MESSAGES;
}

/** The words for parameter values that are codes; the app's catalogues hold them as values.*. */
export function valueWords(): Readonly<Record<string, Message>> {
  return VALUE_WORDS;
}

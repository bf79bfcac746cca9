/**
 * The columns of the register spreadsheet (村民花名册): the template's headers, in order, and
 * the other names clerks give the same columns in the registers they already keep. Headers
 * are matched by name, never by position, so a file whose columns are in another order, or
 * that carries extra columns of its own, still reads.
 *
 * The header texts are the file format, not UI wording: the template writes them and the
 * validator reports problems under them, in the app and in the town CLI alike.
 */

export type RegisterColumnKey =
  | 'householdNumber'
  | 'houseNumber'
  | 'address'
  | 'group'
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'idNumber'
  | 'relation'
  | 'phone'
  | 'tags'
  | 'householdTags'
  | 'notes';

export interface RegisterColumn {
  readonly key: RegisterColumnKey;
  /** The template's header, and the name problems are reported under when the column is missing. */
  readonly header: string;
  /** Other headers accepted for this column (compared after `headerKey`). */
  readonly aliases: readonly string[];
  readonly required: boolean;
  /** A sample cell for the template's example row (one consistent, fictitious household). */
  readonly example: string;
}

/**
 * The template, in column order. The example row is the specimen number of GB 11643
 * itself (11010519491231002X: born 1949-12-31, 17th digit even, so female), so the
 * example row validates as it stands.
 */
export const REGISTER_COLUMNS: readonly RegisterColumn[] = [
  {
    key: 'householdNumber',
    header: '户编号',
    aliases: ['户号', '户编码', '家庭户号', '户籍编号'],
    required: true,
    example: '001',
  },
  {
    key: 'houseNumber',
    header: '门牌号',
    aliases: ['门牌', '门牌号码'],
    required: false,
    example: '东街12号',
  },
  {
    key: 'address',
    header: '地址',
    aliases: ['住址', '家庭住址', '详细地址', '居住地址', '家庭地址'],
    required: false,
    example: '东街村东街12号',
  },
  {
    key: 'group',
    header: '村民小组',
    aliases: [
      '小组',
      '村小组',
      '组别',
      '所属小组',
      '所属村民小组',
      '网格',
      '所属网格',
      '村民小组/网格',
    ],
    required: false,
    example: '第一村民小组',
  },
  {
    key: 'name',
    header: '姓名',
    aliases: ['名字', '村民姓名', '成员姓名'],
    required: true,
    example: '王秀英',
  },
  { key: 'gender', header: '性别', aliases: [], required: false, example: '女' },
  {
    key: 'birthDate',
    header: '出生日期',
    aliases: ['出生年月日', '生日'],
    required: false,
    example: '1949-12-31',
  },
  {
    key: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '身份证', '身份号码', '证件号码'],
    required: true,
    example: '11010519491231002X',
  },
  {
    key: 'relation',
    header: '与户主关系',
    aliases: ['与户主的关系', '户主关系', '关系'],
    required: true,
    example: '户主',
  },
  {
    key: 'phone',
    header: '联系电话',
    aliases: ['电话', '电话号码', '手机', '手机号', '手机号码', '联系方式'],
    required: false,
    example: '13800138000',
  },
  {
    key: 'tags',
    header: '标签',
    aliases: ['人员标签', '个人标签'],
    required: false,
    example: '党员、志愿者',
  },
  {
    key: 'householdTags',
    header: '户标签',
    aliases: ['家庭标签', '户类别'],
    required: false,
    example: '军属',
  },
  { key: 'notes', header: '备注', aliases: ['说明'], required: false, example: '' },
];

/**
 * A header cell made comparable: full-width forms and the ideographic space folded (NFKC),
 * all whitespace removed, and the markers templates add around a header dropped: asterisks
 * for required columns and a trailing note in brackets ('姓名*', '联系电话（手机）',
 * '身份证号(必填)').
 */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\*/g, '')
    .replace(/[([【][^)\]】]*[)\]】]$/, '');
}

const COLUMN_BY_HEADER: ReadonlyMap<string, RegisterColumn> = new Map(
  REGISTER_COLUMNS.flatMap((column) =>
    [column.header, ...column.aliases].map((name) => [headerKey(name), column] as const),
  ),
);

/** The column a header cell names, or undefined for a column the register does not use. */
export function columnOfHeader(text: string): RegisterColumn | undefined {
  return COLUMN_BY_HEADER.get(headerKey(text));
}

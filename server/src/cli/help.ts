/** Help texts of the admin CLI: Chinese first, then English. */

export type HelpTopic =
  | 'town'
  | 'township'
  | 'township add'
  | 'township list'
  | 'village'
  | 'village add'
  | 'village list'
  | 'residents'
  | 'residents import'
  | 'residents count';

const STORAGE_ZH = `数据位置：设置了 DATABASE_URL 时使用该 PostgreSQL 数据库（可与服务器同时使用）；
否则使用 TOWN_DATA_DIR 目录中的内置数据库（默认在用户数据目录下的 village-credit-town），
这时服务器运行期间不能使用命令行，请先停止服务器。`;

const STORAGE_EN = `Data: the PostgreSQL database in DATABASE_URL when it is set (usable while the server runs);
otherwise the embedded database in TOWN_DATA_DIR (default: village-credit-town in the user's
data folder), which only one process can use: stop the server before running a command.`;

const EXIT_ZH = '退出码：0 成功；1 输入被拒绝或操作失败；2 用法错误；3 数据目录正被镇服务器使用。';
const EXIT_EN =
  'Exit codes: 0 success; 1 input rejected or failure; 2 usage error; 3 data directory in use by the town server.';

const TEXTS: { readonly [T in HelpTopic]: { readonly zh: string; readonly en: string } } = {
  town: {
    zh: `town — 乡村信用积分 镇服务器管理命令

用法：npm run town -- <命令> [选项]

命令：
  township add --code <9位代码> --name <名称>                    添加乡镇
  township list                                                  列出乡镇
  village add --code <12位代码> --name <名称> --township <9位代码>  添加村（行政村/社区）
  village list [--township <9位代码>]                            列出村
  residents import --village <12位代码> <文件.xlsx>              从村民花名册导入村民和户
  residents count --village <12位代码>                           统计村民人数

代码是国家统计局的统计用区划代码：乡镇 9 位，村 12 位（前 9 位为所属乡镇代码）。
每个命令都可加 --help 查看说明，例如 npm run town -- village add --help。

${STORAGE_ZH}
${EXIT_ZH}`,
    en: `town — Village Credit town server administration

Usage: npm run town -- <command> [options]

Commands:
  township add --code <9 digits> --name <name>                      add a township
  township list                                                     list townships
  village add --code <12 digits> --name <name> --township <9 digits>  add a village
  village list [--township <9 digits>]                              list villages
  residents import --village <12 digits> <file.xlsx>                import a village's register
  residents count --village <12 digits>                             count a village's residents

Codes are the national statistical division codes: 9 digits for a township, 12 for a
village (whose first 9 digits are its township's code).
Every command takes --help, e.g. npm run town -- village add --help.

${STORAGE_EN}
${EXIT_EN}`,
  },
  township: {
    zh: `用法：npm run town -- township <add|list> [选项]

  township add --code <9位代码> --name <名称>   添加乡镇
  township list                                 列出乡镇`,
    en: `Usage: npm run town -- township <add|list> [options]

  township add --code <9 digits> --name <name>   add a township
  township list                                  list townships`,
  },
  'township add': {
    zh: `用法：npm run town -- township add --code <9位代码> --name <名称>

添加一个乡镇。
  --code   乡镇的统计用区划代码，9 位数字，例如 320321100
  --name   乡镇名称，1 至 40 个字，例如 新城镇

例：npm run town -- township add --code 320321100 --name 新城镇

${STORAGE_ZH}`,
    en: `Usage: npm run town -- township add --code <9 digits> --name <name>

Adds a township.
  --code   its statistical division code, 9 digits, e.g. 320321100
  --name   its name, 1 to 40 characters

Example: npm run town -- township add --code 320321100 --name 新城镇

${STORAGE_EN}`,
  },
  'township list': {
    zh: `用法：npm run town -- township list

列出所有乡镇（代码、名称、村数）。

${STORAGE_ZH}`,
    en: `Usage: npm run town -- township list

Lists every township (code, name, number of villages).

${STORAGE_EN}`,
  },
  village: {
    zh: `用法：npm run town -- village <add|list> [选项]

  village add --code <12位代码> --name <名称> --township <9位代码>   添加村
  village list [--township <9位代码>]                              列出村`,
    en: `Usage: npm run town -- village <add|list> [options]

  village add --code <12 digits> --name <name> --township <9 digits>   add a village
  village list [--township <9 digits>]                                list villages`,
  },
  'village add': {
    zh: `用法：npm run town -- village add --code <12位代码> --name <名称> --township <9位代码>

添加一个村（行政村或社区）。所属乡镇须已添加（township add）。
  --code       村的统计用区划代码，12 位数字，前 9 位是所属乡镇代码，例如 320321100201
  --name       村名，1 至 40 个字，例如 王庄村
  --township   所属乡镇的 9 位代码，例如 320321100

例：npm run town -- village add --code 320321100201 --name 王庄村 --township 320321100

${STORAGE_ZH}`,
    en: `Usage: npm run town -- village add --code <12 digits> --name <name> --township <9 digits>

Adds a village (administrative village or community). Its township must exist (township add).
  --code       its statistical division code, 12 digits starting with the township code
  --name       its name, 1 to 40 characters
  --township   the 9-digit code of its township

Example: npm run town -- village add --code 320321100201 --name 王庄村 --township 320321100

${STORAGE_EN}`,
  },
  residents: {
    zh: `用法：npm run town -- residents <import|count> [选项]

  residents import --village <12位代码> <文件.xlsx>   从村民花名册（.xlsx）导入村民和户
  residents count --village <12位代码>                统计村民人数`,
    en: `Usage: npm run town -- residents <import|count> [options]

  residents import --village <12 digits> <file.xlsx>   import a village's register (.xlsx)
  residents count --village <12 digits>                count a village's residents`,
  },
  'residents import': {
    zh: `用法：npm run town -- residents import --village <12位代码> <文件.xlsx>

从村民花名册（.xlsx，第一个工作表）导入一个村的户和村民，写入镇服务器，村里的设备首次同步时即可收到。
规则与软件中的导入相同：表头按名称识别（户编号、门牌号、村民小组、姓名、性别、出生日期、身份证号、
与户主关系、联系电话、标签、户标签、备注；列的顺序不限，多余的列不读取），空行跳过，
15 位旧身份证号转换为 18 位并列出。身份证号加密保存，只保留脱敏号码、后四位和用于查重的散列值。

只要有一处问题就什么都不导入：逐行列出「第几行 · 哪一列 · 填的什么：错在哪里、怎么改」，退出码为 1。
改正文件后重新导入即可。已在本村登记过的身份证号、已使用的户编号会被拒绝，所以同一文件不会被导入两次。
村民小组须是本村已有的小组；命令行不能新建小组（可留空后在软件中指定）。
  --village   村的 12 位统计用区划代码，该村须已添加（village add）

例：npm run town -- residents import --village 320321100201 王庄村花名册.xlsx

${STORAGE_ZH}
${EXIT_ZH}`,
    en: `Usage: npm run town -- residents import --village <12 digits> <file.xlsx>

Imports a village's households and residents from its register (.xlsx, first sheet) into the
town server, where the village's devices receive them on their first sync. The rules are the
app's: headers are matched by name (户编号, 门牌号, 村民小组, 姓名, 性别, 出生日期, 身份证号,
与户主关系, 联系电话, 标签, 户标签, 备注; any order, extra columns ignored), blank rows are
skipped, 15-digit legacy IDs are converted to 18 digits and listed. ID numbers are stored
encrypted, beside their masked form, last four characters and a hash for duplicate checks.

Any problem means nothing is imported: every problem is listed as row · column · value: what
is wrong and how to fix it (in Chinese), and the exit code is 1. Correct the file and import
again. IDs already registered in the village and household numbers in use are refused, so a
file cannot be imported twice. Groups (村民小组) must exist in the village; the command line
cannot create them (leave the column empty and assign groups in the app).
  --village   the village's 12-digit division code; the village must exist (village add)

Example: npm run town -- residents import --village 320321100201 register.xlsx

${STORAGE_EN}
${EXIT_EN}`,
  },
  'residents count': {
    zh: `用法：npm run town -- residents count --village <12位代码>

显示镇服务器中一个村的村民人数（不含已删除的记录），以及在册、迁出、死亡各多少人。
  --village   村的 12 位统计用区划代码

${STORAGE_ZH}`,
    en: `Usage: npm run town -- residents count --village <12 digits>

Shows how many residents of a village the town server holds (deleted records not counted),
and how many are registered, moved out and deceased.
  --village   the village's 12-digit division code

${STORAGE_EN}`,
  },
  'village list': {
    zh: `用法：npm run town -- village list [--township <9位代码>]

列出所有村（代码、名称、所属乡镇）；加 --township 只列出该乡镇的村。

${STORAGE_ZH}`,
    en: `Usage: npm run town -- village list [--township <9 digits>]

Lists villages (code, name, township); with --township only that township's.

${STORAGE_EN}`,
  },
};

export function helpText(topic: HelpTopic): string {
  const text = TEXTS[topic];
  return `${text.zh}\n\n${text.en}\n`;
}

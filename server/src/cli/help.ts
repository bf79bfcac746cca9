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
  | 'residents count'
  | 'user'
  | 'user add'
  | 'user passwd'
  | 'user disable'
  | 'user list'
  | 'device'
  | 'device list'
  | 'device revoke'
  | 'login';

const STORAGE_ZH = `数据位置：设置了 DATABASE_URL 时使用该 PostgreSQL 数据库（可与服务器同时使用）；
否则使用 TOWN_DATA_DIR 目录中的内置数据库（默认在用户数据目录下的 village-credit-town），
这时服务器运行期间不能使用命令行，请先停止服务器。`;

const STORAGE_EN = `Data: the PostgreSQL database in DATABASE_URL when it is set (usable while the server runs);
otherwise the embedded database in TOWN_DATA_DIR (default: village-credit-town in the user's
data folder), which only one process can use: stop the server before running a command.`;

const EXIT_ZH = '退出码：0 成功；1 输入被拒绝或操作失败；2 用法错误；3 数据目录正被镇服务器使用。';

const ROLES_ZH = `角色（--role）：
  township_admin     乡镇管理员（--township）：管理本乡镇各村，可在本乡镇任一设备登录
  village_admin      村管理员（--village）
  village_clerk      村录入员（--village）：录入村民档案和积分记录
  village_reviewer   村审核员（--village）：审核他人录入的记录
  bank_liaison       银行联络员（--township）：查看信贷推荐，不接触身份证号`;

const ROLES_EN = `Roles (--role):
  township_admin     township administrator (--township): runs the township's villages
  village_admin      village administrator (--village)
  village_clerk      village clerk (--village): records residents and entries
  village_reviewer   village reviewer (--village): reviews entries made by others
  bank_liaison       bank liaison (--township): sees loan referrals, never ID numbers`;

const PASSWORD_ZH = `密码：在终端中会提示输入两次（不显示）；脚本中用 --password-stdin 从标准输入读取一行，
例如 printf '%s\\n' "$PW" | npm run town -- …。不要把密码写在命令行参数里。
密码至少 10 位，须同时含有字母和数字，且不能包含用户名。`;

const PASSWORD_EN = `Password: typed twice at a terminal (not shown); in scripts, --password-stdin reads one line
from standard input, e.g. printf '%s\\n' "$PW" | npm run town -- …. Never put a password in an argument.
At least 10 characters with letters and digits, not containing the username.`;
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
  user add --username <用户名> --role <角色> (--village <12位代码> | --township <9位代码>)
                                                                 添加工作人员账号
  user passwd --username <用户名>                                重设密码（结束其全部登录）
  user disable --username <用户名>                               停用账号（结束其全部登录）
  user list [--township <9位代码>] [--village <12位代码>]         列出账号
  device list [--township <9位代码>] [--village <12位代码>]       列出已登记的设备
  device revoke --device <设备编号>                              停用设备（结束其全部登录）
  login --server <地址> --username <用户名>                      登录镇服务器，检查账号能否使用

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
  user add --username <name> --role <role> (--village <12 digits> | --township <9 digits>)
                                                                    add a staff account
  user passwd --username <name>                                     reset a password (ends its sign-ins)
  user disable --username <name>                                    disable an account (ends its sign-ins)
  user list [--township <9 digits>] [--village <12 digits>]         list accounts
  device list [--township <9 digits>] [--village <12 digits>]       list registered devices
  device revoke --device <id>                                       revoke a device (ends its sign-ins)
  login --server <url> --username <name>                            sign in to a town server to check an account

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
  user: {
    zh: `用法：npm run town -- user <add|passwd|disable|list> [选项]

  user add --username <用户名> --role <角色> (--village <12位代码> | --township <9位代码>)
           [--display-name <姓名>] [--password-stdin]        添加账号
  user passwd --username <用户名> [--password-stdin]          重设密码
  user disable --username <用户名>                            停用账号
  user list [--township <9位代码>] [--village <12位代码>]     列出账号`,
    en: `Usage: npm run town -- user <add|passwd|disable|list> [options]

  user add --username <name> --role <role> (--village <12 digits> | --township <9 digits>)
           [--display-name <name>] [--password-stdin]          add an account
  user passwd --username <name> [--password-stdin]             reset a password
  user disable --username <name>                               disable an account
  user list [--township <9 digits>] [--village <12 digits>]    list accounts`,
  },
  'user add': {
    zh: `用法：npm run town -- user add --username <用户名> --role <角色> (--village <12位代码> | --township <9位代码>) [--display-name <姓名>] [--password-stdin]

添加一个工作人员账号。村级角色用 --village 指定所属的村，乡镇管理员和银行联络员用 --township
指定所属乡镇；该村或乡镇须已添加。
  --username       登录用的用户名：3 至 32 位小写字母、数字、点、下划线或连字符，以字母开头
  --role           角色，见下
  --village        村的 12 位统计用区划代码（村级角色）
  --township       乡镇的 9 位统计用区划代码（乡镇管理员、银行联络员）
  --display-name   显示的姓名，默认与用户名相同
  --password-stdin 从标准输入读取密码

${ROLES_ZH}

${PASSWORD_ZH}

例：npm run town -- user add --username wang.li --role village_clerk --village 320321100201 --display-name 王丽

${STORAGE_ZH}
${EXIT_ZH}`,
    en: `Usage: npm run town -- user add --username <name> --role <role> (--village <12 digits> | --township <9 digits>) [--display-name <name>] [--password-stdin]

Adds a staff account. Village roles name their village with --village; the township
administrator and the bank liaison name their township with --township. The place must exist.
  --username       the sign-in name: 3 to 32 lower-case letters, digits, dots, underscores or hyphens, starting with a letter
  --role           the role, see below
  --village        the village's 12-digit division code (village roles)
  --township       the township's 9-digit division code (township_admin, bank_liaison)
  --display-name   the name shown, default the username
  --password-stdin read the password from standard input

${ROLES_EN}

${PASSWORD_EN}

Example: npm run town -- user add --username wang.li --role village_clerk --village 320321100201 --display-name 王丽

${STORAGE_EN}
${EXIT_EN}`,
  },
  'user passwd': {
    zh: `用法：npm run town -- user passwd --username <用户名> [--password-stdin]

为账号设置新密码。该账号在所有设备上的登录随即结束（需用新密码重新登录），因多次输错而被锁定的账号也随即解锁。

${PASSWORD_ZH}

${STORAGE_ZH}
${EXIT_ZH}`,
    en: `Usage: npm run town -- user passwd --username <name> [--password-stdin]

Sets a new password. The account's sign-ins on every device end at once (sign in again with the
new password), and a lockout after wrong passwords is lifted.

${PASSWORD_EN}

${STORAGE_EN}
${EXIT_EN}`,
  },
  'user disable': {
    zh: `用法：npm run town -- user disable --username <用户名>

停用账号：它在所有设备上的登录随即结束，之后不能再登录或同步。它录入的记录保留不变。

${STORAGE_ZH}
${EXIT_ZH}`,
    en: `Usage: npm run town -- user disable --username <name>

Disables an account: its sign-ins end at once and it can no longer sign in or sync. The records
it made stay.

${STORAGE_EN}
${EXIT_EN}`,
  },
  'user list': {
    zh: `用法：npm run town -- user list [--township <9位代码>] [--village <12位代码>]

列出账号（用户名、姓名、角色、所属村或乡镇、状态、有效登录数、创建时间）。加 --township 列出该乡镇及其各村的账号，
加 --village 只列出该村的账号。

${STORAGE_ZH}`,
    en: `Usage: npm run town -- user list [--township <9 digits>] [--village <12 digits>]

Lists accounts (username, name, role, village or township, status, live sign-ins, created).
--township lists the township's accounts and its villages'; --village only that village's.

${STORAGE_EN}`,
  },
  device: {
    zh: `用法：npm run town -- device <list|revoke> [选项]

  device list [--township <9位代码>] [--village <12位代码>]   列出已登记的设备
  device revoke --device <设备编号>                          停用设备`,
    en: `Usage: npm run town -- device <list|revoke> [options]

  device list [--township <9 digits>] [--village <12 digits>]   list registered devices
  device revoke --device <id>                                   revoke a device`,
  },
  'device list': {
    zh: `用法：npm run town -- device list [--township <9位代码>] [--village <12位代码>]

列出已登记的设备：设备编号、名称、所属村或乡镇、登记人、登记时间、最近登录（时间和账号）、状态。
设备在第一次联网登录时自动登记，并归属登录账号所在的村（乡镇账号登记的设备归属乡镇）；
之后只有该村的账号（以及本乡镇的乡镇管理员）能在这台设备上登录。

${STORAGE_ZH}`,
    en: `Usage: npm run town -- device list [--township <9 digits>] [--village <12 digits>]

Lists registered devices: id, name, village or township, registered by, registered at, last
sign-in (time and account), status. A device registers at its first sign-in online and belongs
to the signing-in account's village (a township account's device belongs to the township); from
then on only that village's accounts (and the township's administrator) can sign in on it.

${STORAGE_EN}`,
  },
  'device revoke': {
    zh: `用法：npm run town -- device revoke --device <设备编号>

停用一台设备（例如遗失或更换的电脑）：它上面的所有登录随即结束，之后不能再登录或同步。
已同步到镇服务器的记录保留不变。设备编号见 device list。

${STORAGE_ZH}
${EXIT_ZH}`,
    en: `Usage: npm run town -- device revoke --device <id>

Revokes a device (a lost or replaced computer): its sign-ins end at once and it can no longer
sign in or sync. What it synced stays. Device ids are in device list.

${STORAGE_EN}
${EXIT_EN}`,
  },
  login: {
    zh: `用法：npm run town -- login --server <地址> --username <用户名> [--device <设备编号>] [--password-stdin]

像软件一样登录一台镇服务器，检查账号能否使用：显示登录的是谁、角色、所属范围和令牌有效期，然后立即退出登录。
令牌不会显示，也不会保存。第一次登录会登记一台名为「town CLI」的设备（归属该账号的村或乡镇），
并显示其编号；之后加 --device <设备编号> 可沿用它。
  --server     镇服务器地址，如 https://credit.example.cn 或 http://127.0.0.1:8787
  --username   用户名
  --device     沿用已登记的设备
  --password-stdin  从标准输入读取密码（否则在终端中提示输入，不显示）

不需要数据库：只通过网络连接服务器。登录失败时显示服务器给出的原因，退出码为 1。`,
    en: `Usage: npm run town -- login --server <url> --username <name> [--device <id>] [--password-stdin]

Signs in to a town server the way the app does, to check an account: shows who is signed in,
the role, the scope and the token expiry, then signs out at once. Tokens are neither shown nor
kept. The first sign-in registers a device named "town CLI" (bound to the account's village or
township) and shows its id; add --device <id> later to reuse it.
  --server     the town server's address, e.g. https://credit.example.cn or http://127.0.0.1:8787
  --username   the username
  --device     reuse a registered device
  --password-stdin  read the password from standard input (otherwise prompted, not shown)

Needs no database, only the network. When the sign-in fails, the server's reason is shown and
the exit code is 1.`,
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

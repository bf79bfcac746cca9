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
  | 'rules'
  | 'rules adopt-defaults'
  | 'ledger'
  | 'ledger import'
  | 'ledger template'
  | 'score'
  | 'user'
  | 'user add'
  | 'user passwd'
  | 'user disable'
  | 'user list'
  | 'device'
  | 'device list'
  | 'device revoke'
  | 'login'
  | 'generate';

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
  rules adopt-defaults --village <12位代码>                      村采用乡镇的积分细则模板库（默认细则）
  ledger import --village <12位代码> <文件.xlsx>                 从积分台账（.xlsx）导入历史积分记录
  ledger template [--village <12位代码>] <文件.xlsx>             写出空白的积分台账模板
  score --village <12位代码> (--id <身份证号> | --household <户编号>) [--as-of <日期>]
                                                                 显示积分余额、信用分和等级及其明细（JSON）
  user add --username <用户名> --role <角色> (--village <12位代码> | --township <9位代码>)
                                                                 添加工作人员账号
  user passwd --username <用户名>                                重设密码（结束其全部登录）
  user disable --username <用户名>                               停用账号（结束其全部登录）
  user list [--township <9位代码>] [--village <12位代码>]         列出账号
  device list [--township <9位代码>] [--village <12位代码>]       列出已登记的设备
  device revoke --device <设备编号>                              停用设备（结束其全部登录）
  login --server <地址> --username <用户名>                      登录镇服务器，检查账号能否使用
  generate --size <small|typical|max|township> [--seed <数>] [--village <12位代码>]
                                                                 生成示例村（户籍和五年的积分记录），用于演示和性能测试

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
  rules adopt-defaults --village <12 digits>                        adopt the township's rule templates
  ledger import --village <12 digits> <file.xlsx>                   import historical ledger entries
  ledger template [--village <12 digits>] <file.xlsx>               write an empty ledger template
  score --village <12 digits> (--id <ID> | --household <no>) [--as-of <date>]
                                                                    balance, score and tier, explained (JSON)
  user add --username <name> --role <role> (--village <12 digits> | --township <9 digits>)
                                                                    add a staff account
  user passwd --username <name>                                     reset a password (ends its sign-ins)
  user disable --username <name>                                    disable an account (ends its sign-ins)
  user list [--township <9 digits>] [--village <12 digits>]         list accounts
  device list [--township <9 digits>] [--village <12 digits>]       list registered devices
  device revoke --device <id>                                       revoke a device (ends its sign-ins)
  login --server <url> --username <name>                            sign in to a town server to check an account
  generate --size <small|typical|max|township> [--seed <n>] [--village <12 digits>]
                                                                    generate sample villages (register and five years
                                                                    of ledger) for demonstrations and benchmarks

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
  rules: {
    zh: `用法：npm run town -- rules adopt-defaults [选项]

  rules adopt-defaults --village <12位代码> [--meeting-ref <文号>] [--meeting-on <日期>] [--effective-from <日期>]
      村采用乡镇的积分细则模板库（默认细则）`,
    en: `Usage: npm run town -- rules adopt-defaults [options]

  rules adopt-defaults --village <12 digits> [--meeting-ref <ref>] [--meeting-on <date>] [--effective-from <date>]
      a village adopts the township's rule template library (the default rules)`,
  },
  'rules adopt-defaults': {
    zh: `用法：npm run town -- rules adopt-defaults --village <12位代码> [--meeting-ref <文号>] [--meeting-on <日期>] [--effective-from <日期>]

让一个村把乡镇发布的积分细则模板库整套采用为本村的积分细则，各规则取模板的分值，并记录村民代表大会的
会议日期和文号；村里的设备同步后即按它录入。乡镇还没有发布模板库时，先发布软件自带的默认模板库
（文登、荣成等地标准的 60 条规则）和信用等级方案；乡镇已有的模板不会被覆盖。
本村已有通过的积分细则时拒绝：修改细则须在软件中以现行版本为基础新建一版，经村民代表大会通过后施行。
  --village          村的 12 位统计用区划代码，该村须已添加（village add）
  --meeting-ref      村民代表大会的会议文号或纪要编号；不填则记为「未登记会议文号」（采用后不能再改）
  --meeting-on       会议日期（年-月-日），不能晚于今天；默认今天
  --effective-from   细则适用于哪天及以后发生的事项，默认为会议日期；要导入历史台账，请填不晚于最早一条记录的日期

例：npm run town -- rules adopt-defaults --village 320321100201 --meeting-ref 王庄村〔2025〕1号 --meeting-on 2025-01-10 --effective-from 2024-01-01

${STORAGE_ZH}
${EXIT_ZH}`,
    en: `Usage: npm run town -- rules adopt-defaults --village <12 digits> [--meeting-ref <ref>] [--meeting-on <date>] [--effective-from <date>]

Makes the township's rule template library a village's rule set (积分细则), every rule with the
template's points, and records the villagers' representative meeting's date and reference; the
village's devices record entries under it once they sync. When the township has not published a
library yet, the packaged default library (60 rules from the Wendeng, Rongcheng and other
schemes) and its tier schemes are published first; templates the township has are never
overwritten. Refused when the village already has an adopted rule set: a change is a new version
made from the current one in the app and adopted by the representative meeting.
  --village          the village's 12-digit division code; the village must exist (village add)
  --meeting-ref      the meeting's reference or minutes number; without it the set records
                     「未登记会议文号」 (not registered), which cannot be changed once adopted
  --meeting-on       the meeting's date (YYYY-MM-DD), not after today; default today
  --effective-from   the first day of acts the set applies to, default the meeting's date; before
                     importing a historical ledger, give a date no later than its earliest entry

Example: npm run town -- rules adopt-defaults --village 320321100201 --meeting-ref 王庄村〔2025〕1号 --meeting-on 2025-01-10 --effective-from 2024-01-01

${STORAGE_EN}
${EXIT_EN}`,
  },
  ledger: {
    zh: `用法：npm run town -- ledger <import|template> [选项]

  ledger import --village <12位代码> <文件.xlsx>            从积分台账（.xlsx）导入历史积分记录
  ledger template [--village <12位代码>] <文件.xlsx>        写出空白的积分台账模板`,
    en: `Usage: npm run town -- ledger <import|template> [options]

  ledger import --village <12 digits> <file.xlsx>            import historical ledger entries (.xlsx)
  ledger template [--village <12 digits>] <file.xlsx>        write an empty ledger template`,
  },
  'ledger import': {
    zh: `用法：npm run town -- ledger import --village <12位代码> <文件.xlsx>

把一个村的纸质积分台账（.xlsx，第一个工作表）导入镇服务器，作为已生效的历史积分记录：每条自发生日期起
生效，有效期从发生日期起算；村里的设备同步后即可看到。表头按名称识别（列的顺序不限，多余的列不读取，空行跳过）：
  身份证号   个人规则：村民的身份证号（须已登记在本村，见 residents import）
  户编号     户规则：户编号（须已登记在本村）；每行身份证号和户编号只填一个
  规则编码   本村积分细则中的规则编码，例如 P-BLOOD
  发生日期   事项发生的日期，例如 2025-03-01
  数量       次数或单位数，1 至 10000；不填按 1
  分值       一事一议的规则每次的分值（在规则的范围内，扣分可不写负号）；固定分值的规则不填
  备注       事项说明，可不填
检查与软件中录入相同：发生日期当天须有已通过的积分细则且其中有该规则，记分对象相符，数量和分值正确，
同一村民（户）同一规则同一天只记一次，每条规则在各期间的次数和分值上限（已有记录和文件中前面的行都算在内）。
只要有一处问题就什么都不导入：逐行列出「第几行 · 哪一列 · 填的什么：错在哪里、怎么改」（下附英文），退出码为 1。
改正文件后重新导入即可。用 ledger template 可写出带表头和规则编码表的模板。
  --village   村的 12 位统计用区划代码，该村须已添加并已采用积分细则（rules adopt-defaults）

例：npm run town -- ledger import --village 320321100201 王庄村积分台账.xlsx

${STORAGE_ZH}
${EXIT_ZH}`,
    en: `Usage: npm run town -- ledger import --village <12 digits> <file.xlsx>

Imports a village's paper ledger (积分台账; .xlsx, first sheet) into the town server as historical
entries that are already effective: each from the date of its act, with its validity running from
that date; the village's devices see them once they sync. Headers are matched by name (any order,
extra columns ignored, blank rows skipped):
  身份证号   personal rules: the resident's ID number (registered in the village, see residents import)
  户编号     household rules: the household number (registered in the village); one of the two per row
  规则编码   the rule's code in the village's rule set, e.g. P-BLOOD
  发生日期   the date of the act, e.g. 2025-03-01
  数量       times or units, 1 to 10000; blank means 1
  分值       points per unit of a case-by-case rule (within its range; a deduction's minus sign may be
             left out); blank for fixed-point rules
  备注       what happened, optional
The checks are the app's: a rule set adopted for the act's date with the rule, the rule's kind of
subject, quantity and points, one act counted once (same subject, rule and date), and every rule's
caps per period (counting the entries held and the rows above in the file). Any problem means
nothing is imported: every problem is listed as row · column · value: what is wrong and how to fix
it (Chinese, then English), and the exit code is 1. Correct the file and import again.
ledger template writes a template with the headers and the rule codes.
  --village   the village's 12-digit division code; it must exist and have adopted a rule set

Example: npm run town -- ledger import --village 320321100201 ledger.xlsx

${STORAGE_EN}
${EXIT_EN}`,
  },
  'ledger template': {
    zh: `用法：npm run town -- ledger template [--village <12位代码>] <文件.xlsx>

写出一个空白的积分台账模板：工作表「积分台账」只有表头（身份证号、户编号、规则编码、发生日期、数量、分值、备注），
「填写说明」说明各列怎么填，「规则编码」列出可用的规则。加 --village 时列出该村今天施行的积分细则，
否则列出默认模板库。不会覆盖已有的文件。
  --village   村的 12 位统计用区划代码（可选）

例：npm run town -- ledger template 积分台账模板.xlsx

${STORAGE_ZH}`,
    en: `Usage: npm run town -- ledger template [--village <12 digits>] <file.xlsx>

Writes an empty ledger template: the sheet 积分台账 holds only the headers (身份证号, 户编号, 规则编码,
发生日期, 数量, 分值, 备注), 填写说明 explains each column, and 规则编码 lists the rules. With
--village it lists the village's rule set in force today, otherwise the default library. An
existing file is never overwritten.
  --village   the village's 12-digit division code (optional)

Example: npm run town -- ledger template ledger-template.xlsx

${STORAGE_EN}`,
  },
  score: {
    zh: `用法：npm run town -- score --village <12位代码> (--id <身份证号> | --household <户编号>) [--as-of <年-月-日>]

按镇服务器中该村的记录计算一位村民或一户的积分和信用（与软件用同一套算法），以 JSON 输出：
  balance       积分余额：生效的加分减去兑换和清零（按本村设置也减去扣分），不低于 0
  honourTotal   荣誉积分：累计获得的加分，不清零
  score         信用分：基础分加上生效、未过期的加减分（有效期内重复违规按倍数）
  tier          信用等级：按本村的等级方案，直接判级期间不高于所判等级
  counted       计入的记录：规则、分值、倍数、生效日期、有效期至
  notCounted    未计入的记录及原因：not-yet-effective 尚未生效，under-objection 异议处理中，expired 已过期，
                reversed 已冲正，annulled 已撤销，not-approved 未通过审核，repaired 已修复，
                reversal 冲正记录本身，balance-only 只影响积分余额（兑换、清零）
户的数字按本村设置汇总（成员之和、人均或仅户主，再加上户本身的记录）。
  --village     村的 12 位统计用区划代码
  --id          村民的身份证号（18 位，或 15 位旧号码）
  --household   户编号
  --as-of       按哪一天计算，默认今天；填以后的日期可看记录到期后的数字

例：npm run town -- score --village 320321100201 --household 001 --as-of 2026-01-01

${STORAGE_ZH}
${EXIT_ZH}`,
    en: `Usage: npm run town -- score --village <12 digits> (--id <ID number> | --household <no>) [--as-of <YYYY-MM-DD>]

Computes a resident's or a household's points and integrity from what the town server holds for
the village (the app's own engine), printed as JSON:
  balance       redeemable balance: effective points earned minus redemptions and resets (and
                deductions, if the village says so), never below 0
  honourTotal   every effective point earned, never reset
  score         integrity score: base plus effective, unexpired events (a repeat within validity
                multiplied)
  tier          tier from the village's scheme, capped while a direct rating is in force
  counted       the events counted: rule, points, multiplier, effective and expiry dates
  notCounted    the other events with the reason: not-yet-effective, under-objection, expired,
                reversed, annulled, not-approved, repaired, reversal, balance-only
A household's figures roll up per the village's setting (members' sum, per-capita or head only,
plus the household's own events).
  --village     the village's 12-digit division code
  --id          the resident's ID number (18 characters, or a 15-digit legacy number)
  --household   the household number
  --as-of       the date to compute for, default today; a later date shows the figures after expiries

Example: npm run town -- score --village 320321100201 --household 001 --as-of 2026-01-01

${STORAGE_EN}
${EXIT_EN}`,
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
  generate: {
    zh: `用法：npm run town -- generate --size <small|typical|max|township> [--seed <数>] [--village <12位代码>]

在空村里生成示例数据，用于演示、试用和性能测试：村民花名册（常见姓名、合理的户结构、有效且不重复的
身份证号、村民小组）、本村设置、整套采用的默认积分细则，以及截至今天五年的积分记录——按实际频率发生的
加分和少量扣分（每人每年约 5 至 20 条），由录入员录入、审核员审核（少数退回、驳回），每周公示后生效，
直接判级由乡镇确认，也有异议、冲正和积分兑换。所有记录都经软件自身的规则产生，身份证号与导入花名册
一样用乡镇的密钥加密保存。每户都带「示例数据」标签。
  --size      small    约 500 人（150 户）
              typical  约 3000 人（900 户）
              max      约 10000 人（3000 户，约 30 万条积分记录）
              township 一个乡镇的 40 个 typical 村（耗时较长）
  --seed      随机种子；相同的种子在同一天生成完全相同的数据。不填则随机选取并显示
  --village   要填充的村的 12 位代码（township 时取其前 9 位作为乡镇）；默认 371003190201。
              乡镇和村不存在时自动添加（名称如「示例镇」「南港村」）
村里已有户或已采用积分细则时拒绝，不会与真实数据混在一起。

例：npm run town -- generate --size typical --seed 42

${STORAGE_ZH}
${EXIT_ZH}`,
    en: `Usage: npm run town -- generate --size <small|typical|max|township> [--seed <n>] [--village <12 digits>]

Fills an empty village with sample data for demonstrations, trials and benchmarks: a register
(common names, plausible households, valid and unique ID numbers, village groups), the village's
settings, the default rule library adopted whole, and five years of ledger history up to today —
bonuses at realistic rates and a few deductions (about 5 to 20 a person a year) recorded by a
clerk, reviewed by a reviewer (a few returned or rejected), made effective by weekly public
notices, direct ratings confirmed by the township, with objections, corrections and redemptions.
Every record comes from the app's own rules; IDs are encrypted with the township's keys as a
register import does. Every household carries the tag 示例数据 (sample data).
  --size      small    about 500 residents (150 households)
              typical  about 3,000 residents (900 households)
              max      about 10,000 residents (3,000 households, about 300,000 ledger events)
              township the 40 typical villages of a township (takes a while)
  --seed      random seed; the same seed on the same day gives the same data. Chosen and printed
              when omitted
  --village   the 12-digit code of the village to fill (for township, its first 9 digits name the
              township); default 371003190201. Missing places are added (e.g. 示例镇, 南港村)
A village that already has households or an adopted rule set is refused: sample data never mixes
with a real register.

Example: npm run town -- generate --size typical --seed 42

${STORAGE_EN}
${EXIT_EN}`,
  },
};

export function helpText(topic: HelpTopic): string {
  const text = TEXTS[topic];
  return `${text.zh}\n\n${text.en}\n`;
}

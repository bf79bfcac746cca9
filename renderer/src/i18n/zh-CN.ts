/**
 * The source catalogue. Keys are semantic; the English catalogue must provide every key
 * (its type is derived from this file). Parameters are written {name}; never build a
 * sentence from fragments.
 */
import { accountZhCN } from './parts/account.ts';
import { registerZhCN } from './parts/register.ts';
import { ledgerZhCN } from './parts/ledger.ts';
import { ledgerRecordZhCN } from './parts/ledger-record.ts';
import { ledgerReviewZhCN } from './parts/ledger-review.ts';
import { ledgerNoticesZhCN } from './parts/ledger-notices.ts';
import { ledgerFiguresZhCN } from './parts/ledger-figures.ts';
import { syncZhCN } from './parts/sync.ts';

export const zhCN = {
  'app.title': '乡村信用积分',
  'app.subtitle': '村民信用档案与积分管理',
  'app.loading': '正在打开本机数据库…',
  'app.loadFailed.title': '无法打开本机数据库',
  'app.loadFailed.retry': '重试',

  'nav.residents': '村民档案',
  'nav.ledger': '积分',
  'nav.redemption': '兑换',
  'nav.loans': '信贷推荐',
  'nav.commitments': '承诺与名单',
  'nav.printing': '打印',
  'nav.sync': '同步',
  'nav.settings': '设置',
  'nav.label': '功能导航',

  'language.label': '界面语言',
  'language.zh-CN': '简体中文',
  'language.en': 'English',

  'module.notBuilt.title': '「{module}」功能尚未开放',
  'module.notBuilt.body': '本模块正在开发中，开放后将提供：{plan}',
  'module.notBuilt.noData': '此处不显示任何示例数据。',
  'module.residents.plan':
    '户籍与村民信用档案、身份证号校验与脱敏、按姓名/拼音/证件后四位搜索、Excel 导入导出。',
  'module.ledger.plan': '按积分细则录入加分与扣分、双人审核、公示与异议、信用分与等级计算。',
  'module.redemption.plan': '积分兑换有线电视补贴与积分超市商品、兑换凭证打印、取消退分。',
  'module.loans.plan': '按信用等级推荐「文明助农e贷」等信贷产品，记录银行审批结果。',
  'module.commitments.plan': '信用承诺的签署与履约跟踪，红黑榜与光荣榜的评定与公示。',
  'module.printing.plan': '信用报告、积分存折、公示表等文书打印，附流水号与验证码。',
  'module.sync.plan': '与乡镇服务器同步：离线录入、联网自动上传、同步问题与冲突处理。',

  'settings.title': '设置',
  'settings.language.help': '选择后立即生效，并保存在本机。',
  'settings.about.title': '关于本机',
  'settings.about.product': '软件名称',
  'settings.about.version': '版本',
  'settings.about.shell': '运行方式',
  'settings.about.shell.electron': '桌面应用',
  'settings.about.shell.web': '浏览器',
  'settings.about.platform': '操作系统',
  'settings.about.townServer': '乡镇服务器地址',
  'settings.about.unavailable': '无法读取本机信息：{message}',
  'settings.localData.title': '本机数据',
  'settings.localData.help': '本机数据库中各类记录的数量。数据保存在本机，联网后与乡镇服务器同步。',
  'settings.localData.collection': '数据类别',
  'settings.localData.count': '记录数',
  'settings.localData.storage': '存储位置：本机 IndexedDB（数据库名 {name}）',
  'settings.print.title': '打印检查',
  'settings.print.help': '生成一页中文测试 PDF，用于检查本机打印和中文字体是否正常。',
  'settings.print.button': '生成打印测试页',
  'settings.print.working': '正在生成 PDF…',
  'settings.print.saved': '测试页已保存：{path}',
  'settings.print.cancelled': '已取消保存。',
  'settings.print.failed': '生成打印测试页失败：{message}',
  'settings.print.fileName': '打印测试页.pdf',
  'settings.print.pageTitle': '乡村信用积分 · 打印测试页',
  'settings.print.pageBody': '如果您能清楚地看到这段中文，说明本机的打印和中文字体工作正常。',
  'settings.print.pageGenerated': '生成时间：{time}',

  'collection.residents': '村民',
  'collection.households': '户',
  'collection.events': '积分记录',
  'collection.notices': '公示',
  'collection.cases': '异议与信用修复',
  'collection.commitments': '信用承诺',
  'collection.ratings': '评级与红黑榜',
  'collection.policies': '积分细则与村设置',
  'collection.catalog': '乡镇发布目录',
  'collection.redemptions': '兑换记录',
  'collection.referrals': '信贷推荐',
  'collection.journal': '打印与查询记录',

  'values.male': '男',
  'values.female': '女',
  'values.not-a-date': '日历上没有这一天',
  'values.in-the-future': '晚于今天',
  'values.before-1900': '早于 1900 年',

  'values.file-not-found': '找不到文件',
  'values.file-no-permission': '没有读取权限',
  'values.file-is-a-directory': '这是一个文件夹，不是文件',
  'values.file-io-error': '读取出错',
  'errors.port.invalid-argument': '请求参数不正确（{field}）。请重试；如仍出现，请联系技术支持。',
  'errors.port.untrusted-sender': '该请求来自不受信任的页面，已被拒绝。',
  'errors.port.unavailable': '当前运行方式不支持此功能。',
  'errors.port.file-too-large': '文件过大（上限 {max} 字节），请拆分后再试。',
  'errors.port.io-failed': '读写文件失败。请检查磁盘空间和文件权限后重试。',
  'errors.port.print-failed': '生成 PDF 失败。请重试；如仍失败，请重启软件。',
  'errors.port.secret-storage-unavailable': '本机的系统密钥存储不可用，无法安全保存登录凭据。',
  'errors.localdb.open-failed': '本机数据库无法打开。请关闭其他正在运行的本软件窗口后重试。',
  'errors.localdb.newer-than-app':
    '本机数据由更新版本的软件写入，当前版本无法读取。请安装最新版本；数据已保留，未做任何改动。',
  'errors.localdb.migration-failed': '本机数据升级失败，数据已保留。请联系技术支持。',
  'errors.localdb.write-failed': '保存到本机数据库失败。请重试；如仍失败，请重启软件。',
  'errors.resident.id-format':
    '身份证号「{value}」格式不对：应为 18 位（前 17 位是数字，最后一位是数字或 X），或 15 位旧号码。',
  'errors.resident.id-region':
    '身份证号「{value}」的前 6 位地区码 {region} 不存在：前两位应为有效的省级代码。请核对证件。',
  'errors.resident.id-birth-date':
    '身份证号「{value}」中的出生日期 {date} 不成立：{reason}。请核对证件。',
  'errors.resident.id-check-digit':
    '身份证号「{value}」的校验位不对：按前 17 位计算应为 {expected}。请逐位核对号码。',
  'errors.resident.id-birth-mismatch':
    '填写的出生日期 {entered} 与身份证号中的 {fromId} 不一致。请以证件为准修改出生日期，或核对号码。',
  'errors.resident.id-gender-mismatch':
    '填写的性别「{entered}」与身份证号第 17 位表示的「{fromId}」不一致。请以证件为准修改性别，或核对号码。',
  'errors.resident.id-duplicate':
    '身份证号已登记：村民「{name}」（户编号 {household}）使用了同一号码。同一号码在本村只能登记一次。',
  'errors.resident.name-missing': '姓名不能为空。',
  'errors.resident.name-invalid':
    '姓名「{value}」不可用：应为 1 至 50 个字，不能含数字或控制字符。',
  'errors.resident.phone-invalid':
    '联系电话「{value}」不对：应为 11 位手机号（1 开头），或带区号的固定电话（如 0510-86012345）。',
  'errors.household.head-count':
    '户「{household}」应有且只有一位户主，现在有 {count} 位。请指定一位户主。',
  'errors.household.relation-unknown':
    '与户主关系「{value}」无法识别：请填写 户主、配偶、子女、父母、兄弟姐妹、孙子女 或 其他。',
  'errors.household.number-duplicate': '户编号「{value}」已被另一户使用。户编号在本村内必须唯一。',
  'errors.household.member-not-found': '村民「{resident}」不是户「{household}」的现有成员。',
  'errors.household.member-already': '村民「{resident}」已经是户「{household}」的成员。',
  'errors.household.inactive': '户「{household}」已注销（已合并或已拆分），不能再变更成员。',
  'errors.household.head-leaving': '户主不能直接迁出或拆出：请先为户「{household}」指定新户主。',
  'errors.household.date-invalid':
    '变更日期 {date} 不对：不能早于该成员入户日期 {since}，也不能晚于今天。',
  'errors.import.file-empty':
    '文件中没有村民数据：表头下面没有任何一行。请在模板表头下逐行填写村民后再导入。',
  'errors.import.column-missing':
    '缺少必填列「{column}」。请在表头行加上这一列（可对照下载的模板），再导入。',
  'errors.import.column-duplicate':
    '「{column}」列与「{other}」列是同一项内容，无法判断以哪一列为准。请删除或改名其中一列。',
  'errors.import.value-missing': '「{column}」不能为空。请填写后再导入。',
  'errors.import.value-too-long': '「{column}」太长：最多 {max} 个字。请缩短。',
  'errors.import.tags-invalid':
    '「{column}」不对：最多 {maxTags} 个标签，每个不超过 {maxLength} 个字，标签之间用顿号、逗号或空格分开。',
  'errors.import.id-as-number':
    '身份证号「{value}」被 Excel 存成了数字，后几位已经丢失。请把该列设为“文本”格式，再重新填写完整号码。',
  'errors.import.id-duplicate-in-file':
    '同一身份证号在文件中出现了两次：第 {otherRow} 行「{otherName}」也使用了这个号码。一个号码只能对应一位村民，请核对这两行。',
  'errors.import.group-unknown':
    '村民小组「{value}」在本村还没有。可以先新建这个小组，或改为已有的小组名称。',
  'errors.import.household-conflict':
    '户「{household}」各行的「{column}」填写不一致：第 {firstRow} 行是「{first}」，这一行不同。请统一，或只在户主那一行填写。',
  'errors.xlsx.not-a-workbook':
    '无法读取该文件：它不是 Excel 工作簿（.xlsx），或文件已损坏。请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。',
  'errors.xlsx.legacy-or-encrypted':
    '这是旧版 .xls 文件或设有打开密码的文件。请在 Excel 或 WPS 中另存为 .xlsx（不设密码）后再导入。',
  'errors.xlsx.too-large':
    '文件解压后超过 {max} 字节，已拒绝读取。请删除无关的工作表或拆分文件后再试。',
  'errors.xlsx.sheet-too-large':
    '工作表太大：最多读取 {maxRows} 行、{maxColumns} 列。请拆分后再导入。',
  'errors.xlsx.sheet-missing': '找不到工作表「{sheet}」，或工作簿中没有可读取的工作表。',
  'errors.place.village-unknown': '村「{code}」尚未在乡镇服务器登记。请联系乡镇管理员。',
  'errors.cli.file-unreadable':
    '无法读取文件 {file}（{reason}）。请检查文件名、所在的文件夹和读取权限。',
  'errors.place.township-code-invalid': '乡镇代码「{value}」格式不正确：应为 9 位统计用区划代码。',
  'errors.place.village-code-invalid': '村代码「{value}」格式不正确：应为 12 位统计用区划代码。',
  'errors.place.name-invalid': '名称「{value}」不正确：应为 1 至 40 个字符。',
  'errors.place.township-unknown': '乡镇「{code}」尚未登记。',
  'errors.place.township-exists': '乡镇「{code}」已经登记过。',
  'errors.place.village-exists': '村「{code}」已经登记过。',
  'errors.place.village-not-in-township':
    '村代码「{code}」不属于乡镇「{township}」：村代码的前 9 位应为乡镇代码。',
  'errors.store.collection-unknown': '未知的数据类别「{collection}」。',
  'errors.store.data-dir-locked': '数据目录正被另一个程序使用。',
  'errors.store.migration-failed': '服务器数据库升级失败。',
  'errors.store.newer-than-server':
    '服务器数据库已被更新版本的镇服务器升级（迁移 {migration}），请安装最新版本的镇服务器。',
  'errors.store.unavailable': '乡镇服务器暂时无法访问其数据库，请稍后重试或联系乡镇管理员。',
  'errors.store.document-invalid': '记录「{id}」不符合要求：{reason}',
  'errors.store.document-scope-invalid': '记录「{id}」的所属村或乡镇与「{collection}」的要求不符。',
  'errors.store.document-not-found': '「{collection}」中没有记录「{id}」。',
  'errors.store.pull-invalid': '同步参数 {field} 的值「{value}」无效，应为 {expected}。',
  'errors.cli.usage': '命令用法不正确：{problem}',
  'errors.cli.env-invalid': '环境变量 {name} 的值「{value}」无效，应为 {expected}。',
  'errors.http.not-found': '请求的地址不存在。',
  'errors.http.bad-request': '请求格式不正确。',
  'errors.http.internal': '服务器内部错误，请稍后重试。',
  'errors.auth.credentials-invalid':
    '用户名或密码不正确。请核对后重试；连续输错多次，账号会被暂时锁定。',
  'errors.auth.rate-limited': '登录尝试过于频繁，请 {retryAfter} 秒后再试。',
  'errors.auth.locked':
    '账号「{username}」因多次密码错误被暂时锁定，请 {retryAfter} 秒后再试，或请管理员重设密码。',
  'errors.auth.token-missing': '请先登录。',
  'errors.auth.token-invalid': '登录凭证无效，请重新登录。',
  'errors.auth.token-expired': '登录已过期，请重新登录。',
  'errors.auth.session-revoked': '这次登录已退出或已被管理员撤销，请重新登录。',
  'errors.auth.refresh-invalid': '登录已失效，请重新登录。',
  'errors.auth.user-disabled': '账号「{username}」已停用。如需继续使用，请联系乡镇管理员。',
  'errors.auth.forbidden': '当前账号的角色无权进行此操作。',
  'errors.auth.password-weak':
    '密码太简单：至少 {minLength} 位，须同时含有字母和数字，且不能包含用户名。',
  'errors.auth.username-invalid':
    '用户名「{value}」不可用：应为 3 至 32 位小写字母、数字、点、下划线或连字符，并以字母开头。',
  'errors.auth.username-exists': '用户名「{username}」已被使用，请换一个。',
  'errors.auth.user-unknown': '没有用户名为「{username}」的账号。',
  'errors.auth.role-invalid':
    '角色「{value}」不存在。可用的角色：township_admin（乡镇管理员）、village_admin（村管理员）、village_clerk（村录入员）、village_reviewer（村审核员）、bank_liaison（银行联络员）。',
  'errors.auth.role-scope-mismatch':
    '角色 {role} 须用 {option} 指定所属范围（村账号指定村，乡镇和银行账号指定乡镇，只能指定一个）。',
  'errors.auth.device-revoked':
    '本机（设备 {deviceId}）已被乡镇管理员停用，不能再登录或同步。请联系乡镇管理员。',
  'errors.auth.device-other-village':
    '本机已登记在另一个村，不能用本村以外的账号登录。如需改用，请乡镇管理员停用本机的登记后重新登录。',
  'errors.auth.device-unknown': '没有编号为「{deviceId}」的设备。',
  'errors.auth.server-needed': '此账号第一次在本机登录，需要连接乡镇服务器。请联网后重试。',
  'errors.auth.password-mismatch': '两次输入的密码不一致，请重新输入。',
  'errors.auth.server-unreachable':
    '无法连接乡镇服务器 {url}，不能登录。请检查网络和服务器地址后重试。',
  'errors.sync.client-outdated':
    '请更新软件：本机「{collection}」的数据版本 {clientVersion} 低于乡镇服务器的 {serverVersion}，更新后才能同步。',
  'errors.sync.server-outdated':
    '乡镇服务器的版本较旧（「{collection}」数据版本 {serverVersion}，本机 {clientVersion}）。请联系乡镇管理员升级服务器。',
  'errors.sync.schema-version-missing':
    '同步请求缺少数据版本号（请求头 X-Schema-Version），请更新软件。',
  'errors.sync.row-invalid': '记录「{id}」不符合数据格式，未上传：{reason}',
  'errors.sync.row-forbidden':
    '记录「{id}」不在本账号可修改的范围内（属于其他村，或是乡镇发布的内容），未上传。',
  'errors.sync.field-immutable': '记录「{id}」的「{field}」在创建后不能修改，本次修改未上传。',
  'errors.sync.workflow-backward':
    '记录「{id}」的「{field}」不能从「{from}」退回「{to}」，本次修改未上传。',
  'errors.sync.batch-too-large': '一次最多上传 {max} 条记录。',
  'errors.sync.server-unreachable':
    '无法连接乡镇服务器 {url}。数据已保存在本机，联网后会自动上传。',
  'errors.sync.server-error': '乡镇服务器出错（{status}），稍后会自动重试。',
  'errors.sync.not-signed-in': '需要联网登录一次才能同步。',
  'errors.sync.upload-stalled': '本机记录「{id}」未能上传（内部错误 {reason}），仍完整保存在本机。',
  'errors.http.https-required': '乡镇服务器只接受 HTTPS 连接，请使用以 https:// 开头的地址。',
  'errors.http.payload-too-large': '请求内容过大（上限 {limit} 字节），已被乡镇服务器拒绝。',
  'errors.http.origin-forbidden': '来源「{origin}」不允许访问乡镇服务器。',
  'errors.ledger.rule-unknown':
    '积分细则中没有编码为「{code}」的规则。请核对规则编码，或先在积分细则中添加该规则。',
  'errors.ledger.rule-code-duplicate':
    '规则编码「{code}」重复：同一版积分细则中每个编码只能用一次。请为村自定项目另取编码。',
  'errors.ledger.rule-invalid':
    '规则「{code}」不完整或前后矛盾：加分项分值须为正、扣分项分值须为负；须填固定分值或分值范围（下限小于上限）；有效期为 1 至 240 个月；重复倍数为 1 至 10；直接判级只用于扣分项。请修改后再保存。',
  'errors.ledger.points-out-of-range':
    '规则「{code}」的分值 {value} 超出范围，应在 {min} 至 {max} 之间。',
  'errors.ledger.points-required':
    '规则「{code}」为一事一议项目，请填写本次分值（{min} 至 {max}）。',
  'errors.ledger.rule-set-not-draft':
    '第 {version} 版积分细则已通过或已停用，不能再修改。如需调整，请在其基础上新建一版。',
  'errors.ledger.adoption-incomplete':
    '请填写村民代表大会的会议日期和会议文号（或纪要编号），且积分细则至少要有一条规则。',
  'errors.ledger.no-rule-set':
    '{date} 没有已通过的积分细则可用。请先由村民代表大会通过积分细则，或核对发生日期。',
  'errors.ledger.rule-subject':
    '规则「{code}」的记分对象与「{name}」不符：个人规则只能记给村民，户规则只能记给户。',
  'errors.ledger.date-invalid':
    '日期「{value}」不正确：应为日历上存在的日期（年-月-日），发生日期不能晚于今天，截止日期不能早于开始日期。',
  'errors.ledger.quantity-invalid': '数量「{value}」不正确，应为 1 至 10000 的整数。',
  'errors.ledger.duplicate-entry':
    '「{name}」在 {date} 已有一条「{code}」记录，同一事项不能重复记分。如原记录有误，请冲正后重新录入。',
  'errors.ledger.cap-times-exceeded':
    '「{name}」在 {from} 至 {to} 已记「{code}」{used} 次，本规则在此期间最多 {limit} 次，本条不能再记。',
  'errors.ledger.cap-points-exceeded':
    '「{name}」在 {from} 至 {to} 已因「{code}」记 {used} 分，本规则在此期间最多 {limit} 分，本条不能再记。',
  'errors.ledger.late-entry':
    '该事项发生在 {days} 天前，超过 {limit} 天，将标记为补录；有效期仍从发生日期起算。',
  'errors.ledger.review-own-entry': '不能审核自己录入的记录，请由其他审核人员审核。',
  'errors.ledger.review-own-household':
    '这条记录涉及您本人或您所在的户，请回避，由其他审核人员审核。',
  'errors.ledger.state-changed':
    '这条记录的状态已经变化（可能已由他人处理），不能进行此操作。请刷新后查看。',
  'errors.ledger.note-required': '请填写理由：退回、驳回、冲正、提出和处理异议都须写明原因。',
  'errors.ledger.notice-period-open': '公示期到 {endsOn} 才结束，期满后才能结束公示。',
  'errors.ledger.notice-empty':
    '没有可公示的记录：只有审核通过、需要公示且尚未公示的记录才能加入公示。',
  'errors.ledger.balance-insufficient': '积分余额不足：当前可用 {balance} 分，本次需要 {cost} 分。',
  'errors.ledger.rule-set-exists':
    '本村已通过第 {version} 版积分细则（{effectiveFrom} 起施行），不能再采用默认细则。如需修改，请在软件中以现行版本为基础新建一版，经村民代表大会通过后施行。',
  'errors.ledger.subject-missing': '请填写身份证号（个人规则）或户编号（户规则）。',
  'errors.ledger.subject-both': '身份证号和户编号只能填一个：个人规则填身份证号，户规则填户编号。',
  'errors.ledger.resident-unknown':
    '本村没有身份证号为「{value}」的村民。请核对号码，或先登记该村民。',
  'errors.ledger.household-unknown':
    '本村没有户编号为「{value}」的户。请核对户编号，或先登记该户。',
  'errors.ledger.import-empty':
    '文件中没有积分记录：表头下面没有任何一行。请在表头下逐行填写记录后再导入。',
  'errors.ledger.template-file-exists':
    '文件 {file} 已经存在，没有覆盖。请换一个文件名，或先移走原文件。',
  'errors.ledger.actor-unknown':
    '记录「{id}」写明的经办人（账号编号 {user}）既不是正在同步的账号，也没有在这台电脑上登录过，未上传。请由经办人本人在这台电脑上登录后重新办理。',
  'errors.ledger.review-role':
    '记录「{id}」的审核（通过、退回或驳回）须由村审核员或村管理员办理，未上传。请让审核人员登录后审核。',
  'errors.ledger.review-missing':
    '记录「{id}」未经他人审核就成了已通过或已生效，未上传。新录入的积分记录须先提交审核；历史台账请由乡镇在镇服务器上用命令行导入。',
  'errors.ledger.withdraw-not-recorder': '只有录入记录「{id}」的人可以撤回它，本次撤回未上传。',
  'errors.ledger.decision-role':
    '记录「{id}」的这一步（结束公示、使记录生效或作废、处理异议、出具信用修复的村级意见）须由村审核员或村管理员办理，未上传。请让审核人员或村管理员登录后办理。',
  'errors.ledger.township-decision-role':
    '直接判级扣分的确认和信用修复的认定只能由乡镇管理员作出，记录「{id}」未上传。',
  'errors.ledger.adoption-role':
    '只有村管理员可以登记积分细则经村民代表大会通过或由新版本替代，记录「{id}」未上传。请让村管理员登录后登记。',
  'errors.ledger.balance-entry-role':
    '记录「{id}」未上传：兑换扣减和兑换退还须由村录入员或村管理员办理，年终积分清零只能由村管理员办理。',
  'errors.ledger.notice-published':
    '公示「{id}」已经发布，名单、公示期和联系人不能再修改，也不能删除，本次修改未上传。如有错误，请撤回该公示后重新拟定。',
  ...accountZhCN,
  ...syncZhCN,
  ...registerZhCN,
  ...ledgerZhCN,
  ...ledgerRecordZhCN,
  ...ledgerReviewZhCN,
  ...ledgerNoticesZhCN,
  ...ledgerFiguresZhCN,
} as const;

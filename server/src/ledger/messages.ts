/**
 * Messages of the ledger codes (ledger.*), worded exactly as the app's catalogues word them
 * (renderer/src/i18n/zh-CN.ts and en.ts, keys `errors.ledger.*`; server/src/messages.test.ts
 * keeps them equal): the town CLI's ledger import reports what the app would say.
 */
import type { ErrorCode } from '../../../shared/errors.ts';
import type { Message } from '../messages.ts';

export type LedgerCode = Extract<ErrorCode, `ledger.${string}`>;

export const LEDGER_MESSAGES: { readonly [C in LedgerCode]: Message } = {
  'ledger.rule-unknown': {
    zh: '积分细则中没有编码为「{code}」的规则。请核对规则编码，或先在积分细则中添加该规则。',
    en: 'The rule set has no rule with code “{code}”. Check the code, or add the rule to the rule set first.',
  },
  'ledger.rule-code-duplicate': {
    zh: '规则编码「{code}」重复：同一版积分细则中每个编码只能用一次。请为村自定项目另取编码。',
    en: 'Rule code “{code}” is used twice: each code may appear once in a rule set version. Give the village’s own item another code.',
  },
  'ledger.rule-invalid': {
    zh: '规则「{code}」不完整或前后矛盾：加分项分值须为正、扣分项分值须为负；须填固定分值或分值范围（下限小于上限）；有效期为 1 至 240 个月；重复倍数为 1 至 10；直接判级只用于扣分项。请修改后再保存。',
    en: 'Rule “{code}” is incomplete or contradictory: bonuses need positive points and deductions negative points; give fixed points or a range (lower bound below upper bound); validity is 1 to 240 months; the repeat multiplier 1 to 10; a direct rating applies to deductions only. Correct it and save again.',
  },
  'ledger.points-out-of-range': {
    zh: '规则「{code}」的分值 {value} 超出范围，应在 {min} 至 {max} 之间。',
    en: 'Points {value} for rule “{code}” are out of range: they must lie between {min} and {max}.',
  },
  'ledger.points-required': {
    zh: '规则「{code}」为一事一议项目，请填写本次分值（{min} 至 {max}）。',
    en: 'Rule “{code}” is decided case by case: enter the points for this entry ({min} to {max}).',
  },
  'ledger.rule-set-not-draft': {
    zh: '第 {version} 版积分细则已通过或已停用，不能再修改。如需调整，请在其基础上新建一版。',
    en: 'Version {version} of the rule set is adopted or retired and can no longer be changed. Start a new version from it.',
  },
  'ledger.adoption-incomplete': {
    zh: '请填写村民代表大会的会议日期和会议文号（或纪要编号），且积分细则至少要有一条规则。',
    en: 'Enter the date and reference of the villagers’ representative meeting, and keep at least one rule in the rule set.',
  },
  'ledger.no-rule-set': {
    zh: '{date} 没有已通过的积分细则可用。请先由村民代表大会通过积分细则，或核对发生日期。',
    en: 'No adopted rule set applies on {date}. Have the villagers’ representative meeting adopt a rule set first, or check the date of the act.',
  },
  'ledger.rule-subject': {
    zh: '规则「{code}」的记分对象与「{name}」不符：个人规则只能记给村民，户规则只能记给户。',
    en: 'Rule “{code}” does not apply to “{name}”: personal rules are recorded for residents, household rules for households.',
  },
  'ledger.date-invalid': {
    zh: '日期「{value}」不正确：应为日历上存在的日期（年-月-日），发生日期不能晚于今天，截止日期不能早于开始日期。',
    en: 'Date “{value}” is not valid: it must be a real calendar date (year-month-day), a date of an act cannot be later than today, and a due date cannot be earlier than its start.',
  },
  'ledger.quantity-invalid': {
    zh: '数量「{value}」不正确，应为 1 至 10000 的整数。',
    en: 'Quantity “{value}” is not valid: enter a whole number from 1 to 10000.',
  },
  'ledger.duplicate-entry': {
    zh: '「{name}」在 {date} 已有一条「{code}」记录，同一事项不能重复记分。如原记录有误，请冲正后重新录入。',
    en: '“{name}” already has a “{code}” entry on {date}; one act is counted once. If that entry is wrong, reverse it and enter it again.',
  },
  'ledger.cap-times-exceeded': {
    zh: '「{name}」在 {from} 至 {to} 已记「{code}」{used} 次，本规则在此期间最多 {limit} 次，本条不能再记。',
    en: '“{name}” already has “{code}” {used} times from {from} to {to}; the rule allows at most {limit} in that period, so this entry cannot be recorded.',
  },
  'ledger.cap-points-exceeded': {
    zh: '「{name}」在 {from} 至 {to} 已因「{code}」记 {used} 分，本规则在此期间最多 {limit} 分，本条不能再记。',
    en: '“{name}” already has {used} points for “{code}” from {from} to {to}; the rule allows at most {limit} in that period, so this entry cannot be recorded.',
  },
  'ledger.late-entry': {
    zh: '该事项发生在 {days} 天前，超过 {limit} 天，将标记为补录；有效期仍从发生日期起算。',
    en: 'The act happened {days} days ago, more than {limit} days: the entry will be flagged as late, and its validity still runs from the date of the act.',
  },
  'ledger.review-own-entry': {
    zh: '不能审核自己录入的记录，请由其他审核人员审核。',
    en: 'You cannot review an entry you recorded yourself; another reviewer must review it.',
  },
  'ledger.review-own-household': {
    zh: '这条记录涉及您本人或您所在的户，请回避，由其他审核人员审核。',
    en: 'This entry concerns you or your own household; leave it to another reviewer.',
  },
  'ledger.state-changed': {
    zh: '这条记录的状态已经变化（可能已由他人处理），不能进行此操作。请刷新后查看。',
    en: 'This record’s status has changed (someone may have dealt with it already), so this action is not possible. Refresh to see it.',
  },
  'ledger.note-required': {
    zh: '请填写理由：退回、驳回、冲正、提出和处理异议都须写明原因。',
    en: 'Give a reason: returning, rejecting, reversing, objecting and deciding an objection all need one.',
  },
  'ledger.notice-period-open': {
    zh: '公示期到 {endsOn} 才结束，期满后才能结束公示。',
    en: 'The notice period runs until {endsOn}; the notice can be closed only after it ends.',
  },
  'ledger.notice-empty': {
    zh: '没有可公示的记录：只有审核通过、需要公示且尚未公示的记录才能加入公示。',
    en: 'Nothing to post: only approved entries that need public notice and are not yet posted can be added.',
  },
  'ledger.balance-insufficient': {
    zh: '积分余额不足：当前可用 {balance} 分，本次需要 {cost} 分。',
    en: 'Not enough points: {balance} available, {cost} needed.',
  },
  'ledger.rule-set-exists': {
    zh: '本村已通过第 {version} 版积分细则（{effectiveFrom} 起施行），不能再采用默认细则。如需修改，请在软件中以现行版本为基础新建一版，经村民代表大会通过后施行。',
    en: 'The village has already adopted version {version} of its rule set (in force from {effectiveFrom}), so the defaults cannot be adopted. To change it, start a new version from the current one in the app and have the villagers’ representative meeting adopt it.',
  },
  'ledger.subject-missing': {
    zh: '请填写身份证号（个人规则）或户编号（户规则）。',
    en: 'Enter an ID number (for a personal rule) or a household number (for a household rule).',
  },
  'ledger.subject-both': {
    zh: '身份证号和户编号只能填一个：个人规则填身份证号，户规则填户编号。',
    en: 'Fill in either the ID number or the household number, not both: the ID number for a personal rule, the household number for a household rule.',
  },
  'ledger.resident-unknown': {
    zh: '本村没有身份证号为「{value}」的村民。请核对号码，或先登记该村民。',
    en: 'No resident of the village has ID number “{value}”. Check the number, or register the resident first.',
  },
  'ledger.household-unknown': {
    zh: '本村没有户编号为「{value}」的户。请核对户编号，或先登记该户。',
    en: 'The village has no household numbered “{value}”. Check the number, or register the household first.',
  },
  'ledger.import-empty': {
    zh: '文件中没有积分记录：表头下面没有任何一行。请在表头下逐行填写记录后再导入。',
    en: 'The file holds no entries: there is no row under the header. Fill in one row per entry under the header and import again.',
  },
  'ledger.template-file-exists': {
    zh: '文件 {file} 已经存在，没有覆盖。请换一个文件名，或先移走原文件。',
    en: 'File {file} already exists and was not overwritten. Choose another name, or move the existing file first.',
  },
  'ledger.actor-unknown': {
    zh: '记录「{id}」写明的经办人（账号编号 {user}）既不是正在同步的账号，也没有在这台电脑上登录过，未上传。请由经办人本人在这台电脑上登录后重新办理。',
    en: 'Record “{id}” names as the person who acted an account ({user}) that is neither the one syncing nor one that has signed in on this computer, so it was not uploaded. Have that person sign in on this computer and do it again.',
  },
  'ledger.review-role': {
    zh: '记录「{id}」的审核（通过、退回或驳回）须由村审核员或村管理员办理，未上传。请让审核人员登录后审核。',
    en: 'The review (approve, return or reject) of record “{id}” must be done by a village reviewer or the village administrator, so it was not uploaded. Have a reviewer sign in and review it.',
  },
  'ledger.review-missing': {
    zh: '记录「{id}」未经他人审核就成了已通过或已生效，未上传。新录入的积分记录须先提交审核；历史台账请由乡镇在镇服务器上用命令行导入。',
    en: 'Record “{id}” became approved or effective without anyone’s review, so it was not uploaded. New entries are submitted for review first; historical ledgers are imported at the township with the town server’s command line.',
  },
  'ledger.withdraw-not-recorder': {
    zh: '只有录入记录「{id}」的人可以撤回它，本次撤回未上传。',
    en: 'Only the person who recorded “{id}” may withdraw it; this withdrawal was not uploaded.',
  },
  'ledger.decision-role': {
    zh: '记录「{id}」的这一步（结束公示、使记录生效或作废、处理异议、出具信用修复的村级意见）须由村审核员或村管理员办理，未上传。请让审核人员或村管理员登录后办理。',
    en: 'This step on record “{id}” (closing a notice, putting an entry into effect or voiding it, deciding an objection, the village’s opinion on a credit repair) must be taken by a village reviewer or the village administrator, so it was not uploaded. Have one of them sign in and take it.',
  },
  'ledger.township-decision-role': {
    zh: '直接判级扣分的确认和信用修复的认定只能由乡镇管理员作出，记录「{id}」未上传。',
    en: 'Only the township administrator confirms a direct-rating deduction or decides a credit repair, so record “{id}” was not uploaded.',
  },
  'ledger.adoption-role': {
    zh: '只有村管理员可以登记积分细则经村民代表大会通过或由新版本替代，记录「{id}」未上传。请让村管理员登录后登记。',
    en: 'Only the village administrator records a rule set’s adoption by the villagers’ representative meeting, or its replacement by a new version, so record “{id}” was not uploaded. Have the village administrator sign in and record it.',
  },
  'ledger.balance-entry-role': {
    zh: '记录「{id}」未上传：兑换扣减和兑换退还须由村录入员或村管理员办理，年终积分清零只能由村管理员办理。',
    en: 'Record “{id}” was not uploaded: redemption debits and refunds are made by a village clerk or the village administrator, and the year-close reset by the village administrator only.',
  },
  'ledger.notice-published': {
    zh: '公示「{id}」已经发布，名单、公示期和联系人不能再修改，也不能删除，本次修改未上传。如有错误，请撤回该公示后重新拟定。',
    en: 'Notice “{id}” has been posted: its list, period and contact can no longer change and it cannot be deleted, so this change was not uploaded. If it is wrong, withdraw it and draft a new one.',
  },
};

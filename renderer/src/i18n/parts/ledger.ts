/**
 * The ledger module's shared messages (tabs, loading). Each screen has its own part
 * (ledger-record, ledger-review, ledger-notices, ledger-figures). zh-CN is the source; the
 * English part must provide every key.
 */
export const ledgerZhCN = {
  'ledger.tab.record': '录入',
  'ledger.tab.review': '审核',
  'ledger.tab.notices': '公示',
  'ledger.tab.objections': '异议',
  'ledger.tab.rankings': '排行',
  'ledger.tab.rules': '积分细则',
  'ledger.loading': '正在读取积分台账…',
  'ledger.loadFailed': '积分台账读取失败：{message}',
  'ledger.townshipOnly.title': '积分台账由各村录入',
  'ledger.townshipOnly.body': '乡镇账号在这里不录入积分；各村的积分与等级在乡镇汇总中查看。',
} as const;

export const ledgerEn: { readonly [K in keyof typeof ledgerZhCN]: string } = {
  'ledger.tab.record': 'Record',
  'ledger.tab.review': 'Review',
  'ledger.tab.notices': 'Public notice',
  'ledger.tab.objections': 'Objections',
  'ledger.tab.rankings': 'Rankings',
  'ledger.tab.rules': 'Rules',
  'ledger.loading': 'Reading the points ledger…',
  'ledger.loadFailed': 'The points ledger could not be read: {message}',
  'ledger.townshipOnly.title': 'Villages record the ledger',
  'ledger.townshipOnly.body':
    'Township accounts do not record points here; see each village’s points and tiers in the township summary.',
};

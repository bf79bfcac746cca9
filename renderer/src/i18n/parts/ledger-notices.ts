/** Messages of the ledger's notice screens (公示). zh-CN is the source; English provides every key. */
export const ledgerNoticesZhCN = {
  'ledger.notices.readOnly':
    '您是录入员：公示由村审核员或村委负责人办理，这里只能查看公示批次和打印公示表。',

  'ledger.notices.settings.title': '公示设置',
  'ledger.notices.settings.none':
    '本村还没有公示设置，目前按默认办法：公示 {days} 天，公示表上请村民「向村民委员会反映」。保存后即建立本村设置。',
  'ledger.notices.settings.current': '公示 {days} 天；异议联系人及电话：{contact}',
  'ledger.notices.settings.noContact': '未填写（公示表上写「向村民委员会反映」）',
  'ledger.notices.settings.save': '保存公示设置',
  'ledger.notices.settings.saved': '公示设置已保存，以后生成的公示批次按此办理。',
  'ledger.notices.settings.unchanged': '公示设置没有变化。',
  'ledger.notices.field.days': '公示天数',
  'ledger.notices.field.daysHelp': '一般为 5 至 7 天，最长 90 天。',
  'ledger.notices.field.daysRequired': '请填写公示天数（1 至 90 天）',
  'ledger.notices.field.contact': '异议联系人及电话',
  'ledger.notices.field.contactHelp':
    '印在公示表上，村民有异议时找谁、打哪个电话，如「村委会 王会计 0516-88886666」。',

  'ledger.notices.waiting.title': '待公示的记录（{count}）',
  'ledger.notices.waiting.help':
    '这些记录已审核通过，按积分细则须公示。勾选后生成公示批次，打印公示表张贴并发布；公示期满无异议即生效。',
  'ledger.notices.waiting.empty': '没有待公示的记录',
  'ledger.notices.selectAll': '勾选全部待公示记录',
  'ledger.notices.selected': '已勾选 {count} 条',
  'ledger.notices.selectRow': '勾选 {subject}：{rule}',
  'ledger.notices.rowLabel': '{subject}：{rule}',
  'ledger.notices.create': '生成公示批次',
  'ledger.notices.create.title': '生成公示批次（{count} 条）',
  'ledger.notices.create.period': '公示期：{startsOn} 至 {endsOn}，期满次日起生效。',
  'ledger.notices.create.cancel': '取消',
  'ledger.notices.field.title': '公示标题',
  'ledger.notices.field.titleRequired': '请填写公示标题',
  'ledger.notices.field.startsOn': '公示开始日期',
  'ledger.notices.field.startsOnRequired': '请选择公示开始日期（不早于今天）',
  'ledger.notices.defaultTitle': '{year}年{month}月信用积分公示',
  'ledger.notices.created':
    '已生成公示批次「{title}」（{count} 条）。请打印公示表张贴，然后点「发布公示」。',

  'ledger.notices.batches.title': '公示批次',
  'ledger.notices.batches.empty': '还没有公示批次',
  'ledger.notices.status.draft': '草稿',
  'ledger.notices.status.published': '公示中',
  'ledger.notices.status.closed': '已结束',
  'ledger.notices.status.withdrawn': '已撤回',
  'ledger.notices.batchNo': '批次编号 {number}',
  'ledger.notices.period': '公示期 {startsOn} 至 {endsOn}（{days} 天）',
  'ledger.notices.count': '{count} 条记录',
  'ledger.notices.draftHint': '草稿：请先打印公示表张贴，再点「发布公示」。发布后公示期开始计算。',
  'ledger.notices.print': '打印公示表',
  'ledger.notices.printed': '公示表已保存：{path}',
  'ledger.notices.printCancelled': '没有保存公示表',
  'ledger.notices.publish': '发布公示',
  'ledger.notices.published':
    '已发布：公示期 {startsOn} 至 {endsOn}，其中的记录进入公示。公示期如有调整，请重新打印公示表。',
  'ledger.notices.withdraw': '撤回',
  'ledger.notices.withdraw.confirm': '撤回这个公示批次？其中的记录回到待公示。',
  'ledger.notices.withdraw.ok': '确认撤回',
  'ledger.notices.withdrawn': '已撤回公示批次，其中的记录回到待公示。',
  'ledger.notices.close': '结束公示',
  'ledger.notices.closed': '公示已结束：{effective} 条记录生效，{held} 条因异议处理中暂不生效。',
  'ledger.notices.closedOthers':
    '公示已结束：{effective} 条记录生效，{held} 条因异议处理中暂不生效，{others} 条另行处理（已撤销或待乡镇确认）。',
  'ledger.notices.closeNotYet': '公示期到 {endsOn} 结束，期满后才能结束公示。',
  'ledger.notices.closeDue': '公示期已满：结束公示后，没有异议的记录随即生效。',
  'ledger.notices.outcome.summary': '{effective} 条已生效，{held} 条异议处理中，暂不生效',
  'ledger.notices.outcome.effective': '已生效（{on} 起）',
  'ledger.notices.outcome.held': '异议处理中，暂不生效',
  'ledger.notices.outcome.annulled': '异议成立，已撤销',
  'ledger.notices.outcome.awaiting-confirmation': '待乡镇确认后生效',
  'ledger.notices.outcome.in-notice': '公示中',
  'ledger.notices.outcome.other': '—',

  'ledger.notices.column.subject': '对象',
  'ledger.notices.column.rule': '积分规则',
  'ledger.notices.column.points': '分值',
  'ledger.notices.column.occurredOn': '发生日期',
  'ledger.notices.column.state': '状态',
  'ledger.notices.column.outcome': '公示结果',
} as const;

export const ledgerNoticesEn: { readonly [K in keyof typeof ledgerNoticesZhCN]: string } = {
  'ledger.notices.readOnly':
    'You are a clerk: a village reviewer or the village head runs notices. Here you can view the batches and print their sheets.',

  'ledger.notices.settings.title': 'Notice settings',
  'ledger.notices.settings.none':
    'The village has no notice settings yet; the defaults apply: {days} days of notice, and the sheet asks residents to contact the village committee. Saving creates the village settings.',
  'ledger.notices.settings.current': '{days} days of notice; contact for objections: {contact}',
  'ledger.notices.settings.noContact': 'none (the sheet names the village committee)',
  'ledger.notices.settings.save': 'Save notice settings',
  'ledger.notices.settings.saved': 'Notice settings saved; new batches follow them.',
  'ledger.notices.settings.unchanged': 'The notice settings did not change.',
  'ledger.notices.field.days': 'Days of notice',
  'ledger.notices.field.daysHelp': 'Usually 5 to 7 days, at most 90.',
  'ledger.notices.field.daysRequired': 'Enter the days of notice (1 to 90)',
  'ledger.notices.field.contact': 'Contact for objections',
  'ledger.notices.field.contactHelp':
    'Printed on the sheet: whom residents with an objection contact, and the phone number, e.g. “Village committee, Wang, 0516-88886666”.',

  'ledger.notices.waiting.title': 'Entries waiting for notice ({count})',
  'ledger.notices.waiting.help':
    'These entries are approved and their rules need public notice. Tick them to make a notice batch, print the sheet, post it and publish; they take effect when the period ends without objection.',
  'ledger.notices.waiting.empty': 'No entries wait for notice',
  'ledger.notices.selectAll': 'Tick every entry waiting for notice',
  'ledger.notices.selected': '{count} ticked',
  'ledger.notices.selectRow': 'Tick {subject}: {rule}',
  'ledger.notices.rowLabel': '{subject}: {rule}',
  'ledger.notices.create': 'Make a notice batch',
  'ledger.notices.create.title': 'Make a notice batch ({count} entries)',
  'ledger.notices.create.period': 'Notice from {startsOn} to {endsOn}; effective the day after.',
  'ledger.notices.create.cancel': 'Cancel',
  'ledger.notices.field.title': 'Title',
  'ledger.notices.field.titleRequired': 'Enter a title',
  'ledger.notices.field.startsOn': 'Notice starts on',
  'ledger.notices.field.startsOnRequired': 'Choose the first day of notice (today or later)',
  'ledger.notices.defaultTitle': 'Credit points notice, {month}/{year}',
  'ledger.notices.created':
    'Notice batch “{title}” made ({count} entries). Print the sheet, post it, then choose Publish.',

  'ledger.notices.batches.title': 'Notice batches',
  'ledger.notices.batches.empty': 'No notice batches yet',
  'ledger.notices.status.draft': 'Draft',
  'ledger.notices.status.published': 'On notice',
  'ledger.notices.status.closed': 'Closed',
  'ledger.notices.status.withdrawn': 'Withdrawn',
  'ledger.notices.batchNo': 'Batch {number}',
  'ledger.notices.period': 'Notice {startsOn} to {endsOn} ({days} days)',
  'ledger.notices.count': '{count} entries',
  'ledger.notices.draftHint':
    'Draft: print the sheet and post it, then choose Publish. The period counts from publishing.',
  'ledger.notices.print': 'Print the notice sheet',
  'ledger.notices.printed': 'Notice sheet saved: {path}',
  'ledger.notices.printCancelled': 'The notice sheet was not saved',
  'ledger.notices.publish': 'Publish',
  'ledger.notices.published':
    'Published: notice from {startsOn} to {endsOn}; its entries are on notice. If the period moved, print the sheet again.',
  'ledger.notices.withdraw': 'Withdraw',
  'ledger.notices.withdraw.confirm':
    'Withdraw this notice batch? Its entries wait for notice again.',
  'ledger.notices.withdraw.ok': 'Withdraw',
  'ledger.notices.withdrawn': 'Batch withdrawn; its entries wait for notice again.',
  'ledger.notices.close': 'Close the notice',
  'ledger.notices.closed':
    'Notice closed: {effective} entries took effect, {held} held by an open objection.',
  'ledger.notices.closedOthers':
    'Notice closed: {effective} entries took effect, {held} held by an open objection, {others} handled otherwise (annulled or awaiting the township).',
  'ledger.notices.closeNotYet': 'The notice runs until {endsOn}; close it after that.',
  'ledger.notices.closeDue':
    'The period is over: closing the notice puts the entries without objection into effect.',
  'ledger.notices.outcome.summary':
    '{effective} in effect, {held} held by an objection, not in effect',
  'ledger.notices.outcome.effective': 'In effect from {on}',
  'ledger.notices.outcome.held': 'Objection being handled, not in effect',
  'ledger.notices.outcome.annulled': 'Objection upheld, annulled',
  'ledger.notices.outcome.awaiting-confirmation': 'Takes effect once the township confirms',
  'ledger.notices.outcome.in-notice': 'On notice',
  'ledger.notices.outcome.other': '—',

  'ledger.notices.column.subject': 'Subject',
  'ledger.notices.column.rule': 'Rule',
  'ledger.notices.column.points': 'Points',
  'ledger.notices.column.occurredOn': 'Date of the act',
  'ledger.notices.column.state': 'State',
  'ledger.notices.column.outcome': 'Outcome',
};

/** Messages of the ledger's record screens. zh-CN is the source; English provides every key. */
export const ledgerRecordZhCN = {} as const;

export const ledgerRecordEn: { readonly [K in keyof typeof ledgerRecordZhCN]: string } = {};

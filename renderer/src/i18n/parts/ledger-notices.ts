/** Messages of the ledger's notices screens. zh-CN is the source; English provides every key. */
export const ledgerNoticesZhCN = {} as const;

export const ledgerNoticesEn: { readonly [K in keyof typeof ledgerNoticesZhCN]: string } = {};

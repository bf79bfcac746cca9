/** Messages of the ledger's review screens. zh-CN is the source; English provides every key. */
export const ledgerReviewZhCN = {} as const;

export const ledgerReviewEn: { readonly [K in keyof typeof ledgerReviewZhCN]: string } = {};

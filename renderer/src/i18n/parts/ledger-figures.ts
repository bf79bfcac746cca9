/** Messages of the ledger's figures screens. zh-CN is the source; English provides every key. */
export const ledgerFiguresZhCN = {} as const;

export const ledgerFiguresEn: { readonly [K in keyof typeof ledgerFiguresZhCN]: string } = {};

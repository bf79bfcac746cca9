/**
 * The sync screens' messages. zh-CN is the source (keys are spread into ../zh-CN.ts); the
 * English part must provide every key (spread into ../en.ts).
 */
export const syncZhCN = {} as const;

export const syncEn: { readonly [K in keyof typeof syncZhCN]: string } = {};

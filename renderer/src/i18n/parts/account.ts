/**
 * The account screens' messages. zh-CN is the source (keys are spread into ../zh-CN.ts); the
 * English part must provide every key (spread into ../en.ts).
 */
export const accountZhCN = {} as const;

export const accountEn: { readonly [K in keyof typeof accountZhCN]: string } = {};

/**
 * The register screens' messages. zh-CN is the source (keys are spread into ../zh-CN.ts); the
 * English part must provide every key (spread into ../en.ts).
 */
export const registerZhCN = {} as const;

export const registerEn: { readonly [K in keyof typeof registerZhCN]: string } = {};

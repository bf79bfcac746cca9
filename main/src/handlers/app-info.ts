import { ok, type Result } from '../../../shared/errors.ts';
import type { AppInfo } from '../../../shared/platform/contract.ts';

export const PRODUCT_NAME = '乡村信用积分';

export function createAppInfoHandler(info: {
  readonly version: string;
  readonly platform: string;
  readonly townServerUrl: string;
}): () => Promise<Result<AppInfo>> {
  const value: AppInfo = {
    productName: PRODUCT_NAME,
    version: info.version,
    shell: 'electron',
    platform: info.platform,
    townServerUrl: info.townServerUrl,
  };
  return () => Promise.resolve(ok(value));
}

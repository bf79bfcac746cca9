import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/roles.ts';
import { sealSecrets, unsealSecrets, type AccountRecord } from './account-store.ts';
import { MIN_STORED_ITERATIONS, newCredentials } from './credentials.ts';

const clerk: Principal = {
  userId: 'u-01',
  username: 'wang.li',
  displayName: '王丽',
  role: 'village_clerk',
  villageCode: '320321100201',
  townshipCode: '320321100',
};
const secrets = { refreshToken: 'refresh-token', idKeys: null };

async function recordFor(principal: Principal): Promise<{ record: AccountRecord; key: CryptoKey }> {
  const credentials = await newCredentials('Credit2026pass', MIN_STORED_ITERATIONS);
  const sealed = await sealSecrets(credentials.wrappingKey, 'dev-1', principal, secrets);
  return {
    key: credentials.wrappingKey,
    record: {
      principal,
      kdf: credentials.kdf,
      verifier: credentials.verifier,
      secrets: sealed,
      onlineAt: 0,
    },
  };
}

describe('a user’s sealed secrets on this device', () => {
  it('open for the record they were sealed in', async () => {
    const { record, key } = await recordFor(clerk);
    expect(await unsealSecrets(key, 'dev-1', record)).toEqual(secrets);
  });

  it('do not open once the record’s role, village or device was edited', async () => {
    const { record, key } = await recordFor(clerk);
    const edits: AccountRecord[] = [
      { ...record, principal: { ...clerk, role: 'village_admin' } },
      { ...record, principal: { ...clerk, villageCode: '320321100202' } },
      { ...record, principal: { ...clerk, townshipCode: '320321101' } },
    ];
    for (const edited of edits) {
      expect(await unsealSecrets(key, 'dev-1', edited)).toBeUndefined();
    }
    expect(await unsealSecrets(key, 'dev-2', record)).toBeUndefined();
  });
});

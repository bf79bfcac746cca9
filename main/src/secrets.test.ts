import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSecretStore, type SecretStoreDeps } from './secrets.ts';
import { safeStorage as fakeSafeStorage } from './test/fake-electron.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vc-secrets-'));
  fakeSafeStorage.isAsyncEncryptionAvailable.mockResolvedValue(true);
  fakeSafeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function store(platform = 'linux') {
  const log = { warn: vi.fn(), error: vi.fn() };
  const secrets = createSecretStore({
    filePath: join(dir, 'secrets.json'),
    safeStorage: fakeSafeStorage as unknown as SecretStoreDeps['safeStorage'],
    platform,
    log,
  });
  return { secrets, log };
}

const TOKEN = 'sync-token-北坡村-7f3a9c';

describe('the secret store', () => {
  it('reads back what it wrote, and null for an unknown key', async () => {
    const { secrets } = store();
    expect(await secrets.writeSecret({ key: 'sync.token', value: TOKEN })).toEqual({
      ok: true,
      value: null,
    });
    expect(await secrets.readSecret({ key: 'sync.token' })).toEqual({ ok: true, value: TOKEN });
    expect(await secrets.readSecret({ key: 'other' })).toEqual({ ok: true, value: null });
  });

  it('stores only the keychain-encrypted form, never the plain text', async () => {
    const { secrets } = store();
    await secrets.writeSecret({ key: 'sync.token', value: TOKEN });
    const onDisk = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(fakeSafeStorage.encryptStringAsync).toHaveBeenCalledWith(TOKEN);
  });

  it('refuses to store or read anything when the keychain is unavailable', async () => {
    fakeSafeStorage.isAsyncEncryptionAvailable.mockResolvedValue(false);
    const { secrets } = store('win32');
    expect(await secrets.writeSecret({ key: 'sync.token', value: TOKEN })).toEqual({
      ok: false,
      error: { code: 'port.secret-storage-unavailable' },
    });
    expect(await secrets.readSecret({ key: 'sync.token' })).toEqual({
      ok: false,
      error: { code: 'port.secret-storage-unavailable' },
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it("refuses Linux's basic_text fallback, which is plain text in disguise", async () => {
    fakeSafeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    const { secrets } = store('linux');
    expect(await secrets.writeSecret({ key: 'sync.token', value: TOKEN })).toEqual({
      ok: false,
      error: { code: 'port.secret-storage-unavailable' },
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('deletes a secret, and keeps the others', async () => {
    const { secrets } = store();
    await secrets.writeSecret({ key: 'a', value: '1' });
    await secrets.writeSecret({ key: 'b', value: '2' });
    expect(await secrets.deleteSecret({ key: 'a' })).toEqual({ ok: true, value: null });
    expect(await secrets.readSecret({ key: 'a' })).toEqual({ ok: true, value: null });
    expect(await secrets.readSecret({ key: 'b' })).toEqual({ ok: true, value: '2' });
  });

  it('loses no write when several arrive at once, and leaves no temporary files', async () => {
    const { secrets } = store();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => secrets.writeSecret({ key: `k${i}`, value: `v${i}` })),
    );
    for (let i = 0; i < 20; i++)
      expect(await secrets.readSecret({ key: `k${i}` })).toEqual({ ok: true, value: `v${i}` });
    expect(await readdir(dir)).toEqual(['secrets.json']);
  });

  it('re-encrypts a secret when the keychain says its key has changed', async () => {
    const { secrets } = store();
    await secrets.writeSecret({ key: 'sync.token', value: TOKEN });
    const before = await readFile(join(dir, 'secrets.json'), 'utf8');
    fakeSafeStorage.decryptStringAsync.mockResolvedValueOnce({
      shouldReEncrypt: true,
      result: TOKEN,
    });
    fakeSafeStorage.encryptStringAsync.mockResolvedValueOnce(Buffer.from('new-ciphertext'));
    expect(await secrets.readSecret({ key: 'sync.token' })).toEqual({ ok: true, value: TOKEN });
    const after = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(after).not.toBe(before);
    expect(after).toContain(Buffer.from('new-ciphertext').toString('base64'));
  });

  it('moves a damaged secrets file aside, says so, and starts afresh', async () => {
    await writeFile(join(dir, 'secrets.json'), '{ damaged');
    const { secrets, log } = store();
    expect(await secrets.readSecret({ key: 'sync.token' })).toEqual({ ok: true, value: null });
    expect(log.error).toHaveBeenCalled();
    expect((await readdir(dir)).some((name) => name.startsWith('secrets.json.damaged-'))).toBe(
      true,
    );
  });
});

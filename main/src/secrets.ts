/**
 * Secrets (sync tokens) encrypted with the OS keychain through safeStorage and kept as
 * base64 in <userData>/secrets.json. Plain text is never written: without a real
 * keychain the port answers port.secret-storage-unavailable and the renderer asks the
 * user to sign in again instead.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { SafeStorage } from 'electron';
import { fail, ok, type Result } from '../../shared/errors.ts';
import type { SecretKeyRequest, SecretWriteRequest } from '../../shared/platform/contract.ts';
import type { Logger } from './log.ts';

export const SECRETS_FILE_NAME = 'secrets.json';

interface SecretsFile {
  readonly version: 1;
  readonly secrets: Readonly<Record<string, string>>;
}

export interface SecretStoreDeps {
  readonly filePath: string;
  readonly safeStorage: Pick<
    SafeStorage,
    | 'isAsyncEncryptionAvailable'
    | 'encryptStringAsync'
    | 'decryptStringAsync'
    | 'getSelectedStorageBackend'
  >;
  readonly platform: string;
  readonly log: Logger;
}

export interface SecretStore {
  readSecret(request: SecretKeyRequest): Promise<Result<string | null>>;
  writeSecret(request: SecretWriteRequest): Promise<Result<null>>;
  deleteSecret(request: SecretKeyRequest): Promise<Result<null>>;
}

/**
 * On Linux without a keyring (no libsecret/kwallet), Chromium falls back to 'basic_text':
 * "encryption" with a hard-coded key, which is plain text in disguise. Refuse it.
 */
export async function isKeychainAvailable(
  deps: Pick<SecretStoreDeps, 'safeStorage' | 'platform'>,
): Promise<boolean> {
  if (!(await deps.safeStorage.isAsyncEncryptionAvailable())) return false;
  if (deps.platform !== 'linux') return true;
  const backend = deps.safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseSecretsFile(text: string): SecretsFile | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null; // reported by the caller, which moves the file aside
  }
  if (!isRecord(parsed) || parsed['version'] !== 1 || !isRecord(parsed['secrets'])) return null;
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed['secrets'])) {
    if (typeof value !== 'string') return null;
    secrets[key] = value;
  }
  return { version: 1, secrets };
}

export function createSecretStore(deps: SecretStoreDeps): SecretStore {
  // Reads and writes run one after another, so two writes never lose each other's key.
  let queue: Promise<unknown> = Promise.resolve();
  function serialized<T>(operation: () => Promise<T>): Promise<T> {
    const next = queue.then(operation, operation);
    queue = next.catch(() => undefined); // the caller of `next` sees and reports the error
    return next;
  }

  async function load(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await fsp.readFile(deps.filePath, 'utf8');
    } catch (error) {
      if (isRecord(error) && error['code'] === 'ENOENT') return {};
      throw error;
    }
    const file = parseSecretsFile(text);
    if (file !== null) return { ...file.secrets };
    // Keep the damaged file for inspection; start afresh (the user signs in again).
    const aside = `${deps.filePath}.damaged-${Date.now()}`;
    deps.log.error(`secrets file is damaged; moved to ${aside}`);
    await fsp.rename(deps.filePath, aside);
    return {};
  }

  async function save(secrets: Record<string, string>): Promise<void> {
    const file: SecretsFile = { version: 1, secrets };
    const temporary = `${deps.filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await fsp.writeFile(temporary, JSON.stringify(file, null, 2), { mode: 0o600 });
    try {
      await fsp.rename(temporary, deps.filePath);
    } catch (error) {
      await fsp.rm(temporary, { force: true });
      throw error;
    }
  }

  const unavailable = (): Result<never> => fail('port.secret-storage-unavailable');

  return {
    async readSecret({ key }) {
      if (!(await isKeychainAvailable(deps))) return unavailable();
      return serialized(async () => {
        const secrets = await load();
        const stored = secrets[key];
        if (stored === undefined) return ok(null);
        const decrypted = await deps.safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
        if (decrypted.shouldReEncrypt) {
          // The OS key was rotated or upgraded: store the secret under the new key.
          secrets[key] = (await deps.safeStorage.encryptStringAsync(decrypted.result)).toString(
            'base64',
          );
          await save(secrets);
        }
        return ok(decrypted.result);
      });
    },
    async writeSecret({ key, value }) {
      if (!(await isKeychainAvailable(deps))) return unavailable();
      return serialized(async () => {
        const secrets = await load();
        secrets[key] = (await deps.safeStorage.encryptStringAsync(value)).toString('base64');
        await save(secrets);
        return ok(null);
      });
    },
    // Deleting needs no keychain: signing out must work even when the keychain is gone.
    deleteSecret({ key }) {
      return serialized(async () => {
        const secrets = await load();
        if (!(key in secrets)) return ok(null);
        const { [key]: _removed, ...rest } = secrets;
        await save(rest);
        return ok(null);
      });
    },
  };
}

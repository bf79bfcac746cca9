import { Button, message, Result, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppError } from '../../../shared/errors.ts';
import type { PlatformPort } from '../../../shared/platform/contract.ts';
import type { LocalDatabase } from '../db/database.ts';
import { useI18n } from '../i18n/I18nContext.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import {
  DEFAULT_AUTH_SETTINGS,
  readAuthSettings,
  readDevice,
  writeAuthSettings,
  type DeviceRecord,
} from './account-store.ts';
import type { AppSession } from './app-session.ts';
import { AuthControlsContext, useSessionHealth, type AuthControls } from './AuthControls.ts';
import {
  deleteDemoStorage,
  openDemoSession,
  writeDatabaseChoice,
  type DatabaseChoice,
} from './demo.ts';
import { LockScreen } from './LockScreen.tsx';
import { SessionContext } from './session.ts';
import { signIn } from './sign-in.ts';
import { SignInPage, type SignInValues } from './SignInPage.tsx';
import { useInactivity } from './useInactivity.ts';
import { useReconnect } from './useReconnect.ts';

interface AuthGateProps {
  readonly db: LocalDatabase;
  readonly port: PlatformPort;
  /** Which database is open: the real one (sign-in needed) or the demo one. */
  readonly choice: DatabaseChoice;
  /** The signed-in app (the layout). */
  readonly children: ReactNode;
}

type GateState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: AppError }
  | { readonly kind: 'signed-out'; readonly device: DeviceRecord | undefined }
  | { readonly kind: 'signed-in'; readonly session: AppSession; readonly locked: boolean };

const toAppError = (error: unknown): AppError => {
  console.error('account screens: unexpected failure', error);
  return { code: 'localdb.write-failed' };
};

/**
 * Shows the sign-in screen until someone signs in, then the app with the session in
 * SessionContext; locks the screen after inactivity; signs out back to the sign-in screen.
 * In demo mode it opens the demo session at once (no sign-in, no lock).
 */
export function AuthGate({ db, port, choice, children }: AuthGateProps) {
  const { t, describeError } = useI18n();
  const [state, setState] = useState<GateState>({ kind: 'loading' });
  const [configuredServerUrl, setConfiguredServerUrl] = useState<string | null>(null);
  const [lockAfterMinutes, setLockAfter] = useState(DEFAULT_AUTH_SETTINGS.lockAfterMinutes);
  const [attempt, setAttempt] = useState(0);

  const deps = useMemo(
    () => ({
      db,
      fetch: (url: string, init: RequestInit) => window.fetch(url, init),
      now: () => Date.now(),
      locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
    }),
    [db],
  );

  const showSignIn = useCallback(async (): Promise<void> => {
    setState({ kind: 'signed-out', device: await readDevice(db) });
  }, [db]);

  useEffect(() => {
    let live = true;
    const start = async (): Promise<GateState> => {
      if (choice === 'demo') {
        return { kind: 'signed-in', session: await openDemoSession(db), locked: false };
      }
      const [device, settings, info] = await Promise.all([
        readDevice(db),
        readAuthSettings(db),
        port.appInfo(),
      ]);
      if (live) {
        setLockAfter(settings.lockAfterMinutes);
        if (info.ok) setConfiguredServerUrl(info.value.townServerUrl);
        else console.error('reading the configured town server failed', info.error);
      }
      return { kind: 'signed-out', device };
    };
    start().then(
      (next) => {
        if (live) setState(next);
      },
      (error: unknown) => {
        if (live) setState({ kind: 'failed', error: toAppError(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [db, port, choice, attempt]);

  const submit = useCallback(
    async (values: SignInValues): Promise<AppError | null> => {
      try {
        const result = await signIn(deps, values);
        if (!result.ok) {
          // The device record may have changed (revoked): show the screen as it now is.
          if (result.error.code === 'auth.device-revoked') {
            setState({ kind: 'signed-out', device: await readDevice(db) });
          }
          return result.error;
        }
        if (result.value.mode === 'offline') void message.info(t('account.signIn.offline'), 8);
        setState({ kind: 'signed-in', session: result.value.session, locked: false });
        return null;
      } catch (error) {
        return toAppError(error);
      }
    },
    [deps, db, t],
  );

  const session = state.kind === 'signed-in' ? state.session : null;
  const locked = state.kind === 'signed-in' && state.locked;
  const isDemo = session?.demo === true;

  const lock = useCallback(() => {
    setState((current) =>
      current.kind === 'signed-in' && current.session.demo !== true
        ? { ...current, locked: true }
        : current,
    );
  }, []);

  const logout = useCallback(
    async (notice?: MessageKey): Promise<void> => {
      if (session === null) return;
      const result = await session.logout();
      if (!result.ok) {
        void message.warning(
          t('account.logout.failed', { reason: describeError(result.error) }),
          10,
        );
      }
      if (notice !== undefined) void message.error(t(notice), 10);
      await showSignIn().catch((error: unknown) => {
        setState({ kind: 'failed', error: toAppError(error) });
      });
    },
    [session, t, describeError, showSignIn],
  );

  useInactivity(session !== null && !locked && !isDemo, lockAfterMinutes * 60_000, lock);
  useReconnect(session, useSessionHealth(session));

  const controls = useMemo<AuthControls | null>(() => {
    if (session === null) return null;
    return {
      session,
      lock,
      logout: () => logout(),
      lockAfterMinutes,
      setLockAfterMinutes: async (minutes) => {
        try {
          await writeAuthSettings(db, { lockAfterMinutes: minutes });
          setLockAfter(minutes);
        } catch (error) {
          void message.error(
            t('account.lockAfter.saveFailed', { reason: describeError(toAppError(error)) }),
          );
        }
      },
      exitDemo: () => {
        writeDatabaseChoice(window.localStorage, 'main');
        window.location.reload();
      },
      deleteDemo: async () => {
        if (session.demo !== true) return;
        try {
          await db.remove();
          await deleteDemoStorage(window.indexedDB);
        } catch (error) {
          void message.error(
            t('account.demo.failed', { reason: describeError(toAppError(error)) }),
          );
          return;
        }
        writeDatabaseChoice(window.localStorage, 'main');
        window.location.reload();
      },
    };
  }, [session, lock, logout, lockAfterMinutes, db, t, describeError]);

  if (state.kind === 'loading') {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (state.kind === 'failed') {
    return (
      <Result
        status="error"
        title={t('account.signIn.failed')}
        subTitle={describeError(state.error)}
        extra={
          <Button
            type="primary"
            onClick={() => {
              setAttempt((n) => n + 1);
            }}
          >
            {t('app.loadFailed.retry')}
          </Button>
        }
      />
    );
  }
  if (state.kind === 'signed-out' || session === null || controls === null) {
    return (
      <SignInPage
        key={state.kind === 'signed-out' ? (state.device?.deviceId ?? 'new') : 'new'}
        device={state.kind === 'signed-out' ? state.device : undefined}
        configuredServerUrl={configuredServerUrl}
        onSubmit={submit}
        onDemo={() => {
          writeDatabaseChoice(window.localStorage, 'demo');
          window.location.reload();
        }}
      />
    );
  }
  return (
    <AuthControlsContext.Provider value={controls}>
      <SessionContext.Provider value={session}>
        <div inert={locked}>{children}</div>
        {locked && (
          <LockScreen
            principal={session.principal}
            onUnlock={async (password) => {
              const matches = await session.verifyPassword(password);
              if (matches) {
                setState((current) =>
                  current.kind === 'signed-in' ? { ...current, locked: false } : current,
                );
              }
              return matches;
            }}
            onSwitchUser={() => void logout()}
            onTooManyTries={() => void logout('account.lock.signedOut')}
          />
        )}
      </SessionContext.Provider>
    </AuthControlsContext.Provider>
  );
}

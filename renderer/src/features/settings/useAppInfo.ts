import { useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/errors.ts';
import type { AppInfo } from '../../../../shared/platform/contract.ts';
import { useAppServices } from '../../app/AppServices.ts';

export type AppInfoState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly info: AppInfo }
  | { readonly status: 'failed'; readonly error: AppError };

export function useAppInfo(): AppInfoState {
  const { port } = useAppServices();
  const [state, setState] = useState<AppInfoState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    port
      .appInfo()
      .then((result) => {
        if (live)
          setState(
            result.ok
              ? { status: 'ready', info: result.value }
              : { status: 'failed', error: result.error },
          );
      })
      .catch((error: unknown) => {
        console.error('appInfo failed', error);
        if (live) setState({ status: 'failed', error: { code: 'port.unavailable' } });
      });
    return () => {
      live = false;
    };
  }, [port]);
  return state;
}

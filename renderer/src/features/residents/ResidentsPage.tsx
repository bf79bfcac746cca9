import { Alert, Result, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { RegisterContext, type RegisterContextValue } from './RegisterContext.ts';
import { RegisterList } from './RegisterList.tsx';
import { ResidentFile } from './ResidentFile.tsx';
import { registerScopeOf, type RegisterScope } from './register-scope.ts';
import { useRegisterRoute } from './useRegisterRoute.ts';
import { useVillageRegister } from './VillageRegisterContext.ts';

/** 村民档案: the register (households, residents, search, import and export) and the files. */
export function ResidentsPage() {
  const { t } = useI18n();
  const session = useSession();
  const scope = useMemo(() => registerScopeOf(session), [session]);
  if (scope === null) {
    return (
      <Result
        status="info"
        title={t('register.townshipOnly.title')}
        subTitle={t('register.townshipOnly.body')}
      />
    );
  }
  return <VillageRegisterPage scope={scope} />;
}

function VillageRegisterPage({ scope }: { readonly scope: RegisterScope }) {
  const { t, describeError } = useI18n();
  const state = useVillageRegister();
  const [route] = useRegisterRoute();
  const [lastPurpose, setLastPurpose] = useState('');
  const context = useMemo<RegisterContextValue | null>(
    () =>
      state.status === 'ready'
        ? { scope, register: state.register, lastPurpose, rememberPurpose: setLastPurpose }
        : null,
    [scope, state, lastPurpose],
  );

  if (state.status === 'failed')
    return (
      <Alert
        type="error"
        showIcon
        title={t('register.loadFailed', { message: describeError(state.error) })}
      />
    );
  if (context === null)
    return (
      <Spin description={t('register.loading')}>
        <div style={{ height: 200 }} />
      </Spin>
    );
  return (
    <RegisterContext.Provider value={context}>
      {route.view === 'resident' ? (
        <ResidentFile residentId={route.residentId} />
      ) : (
        <RegisterList />
      )}
    </RegisterContext.Provider>
  );
}

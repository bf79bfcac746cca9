import { Alert, Result, Spin, Tabs } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import { registerScopeOf, type RegisterScope } from '../residents/register-scope.ts';
import { useVillageRegister } from '../residents/VillageRegisterContext.ts';
import { LedgerScreenContext, type LedgerScreenValue } from './LedgerScreenContext.ts';
import { NoticesTab } from './notices/NoticesTab.tsx';
import { ObjectionsTab } from './objections/ObjectionsTab.tsx';
import { RankingsTab } from './rankings/RankingsTab.tsx';
import { RecordTab } from './record/RecordTab.tsx';
import { ReviewTab } from './review/ReviewTab.tsx';
import { RulesTab } from './rules/RulesTab.tsx';
import { LEDGER_TABS, useLedgerRoute, type LedgerTab } from './useLedgerRoute.ts';
import { useVillageLedger, useVillageLedgerStore } from './VillageLedgerContext.ts';

const TAB_TITLE: { readonly [T in LedgerTab]: MessageKey } = {
  record: 'ledger.tab.record',
  review: 'ledger.tab.review',
  notices: 'ledger.tab.notices',
  objections: 'ledger.tab.objections',
  rankings: 'ledger.tab.rankings',
  rules: 'ledger.tab.rules',
};

const TAB_CONTENT: { readonly [T in LedgerTab]: () => ReactNode } = {
  record: () => <RecordTab />,
  review: () => <ReviewTab />,
  notices: () => <NoticesTab />,
  objections: () => <ObjectionsTab />,
  rankings: () => <RankingsTab />,
  rules: () => <RulesTab />,
};

/** 积分: recording, review, public notice, objections, rankings and the village's rules. */
export function LedgerPage() {
  const { t } = useI18n();
  const session = useSession();
  const scope = useMemo(() => registerScopeOf(session), [session]);
  if (scope === null)
    return (
      <Result
        status="info"
        title={t('ledger.townshipOnly.title')}
        subTitle={t('ledger.townshipOnly.body')}
      />
    );
  return <VillageLedgerPage scope={scope} />;
}

function VillageLedgerPage({ scope }: { readonly scope: RegisterScope }) {
  const { t, describeError } = useI18n();
  const registerState = useVillageRegister();
  const ledgerState = useVillageLedger();
  const store = useVillageLedgerStore();
  const [tab, open] = useLedgerRoute();
  const value = useMemo<LedgerScreenValue | null>(
    () =>
      registerState.status === 'ready' && ledgerState.status === 'ready' && store !== null
        ? { scope, register: registerState.register, ledger: ledgerState.ledger, store }
        : null,
    [scope, registerState, ledgerState, store],
  );

  if (registerState.status === 'failed')
    return (
      <Alert
        type="error"
        showIcon
        title={t('ledger.loadFailed', { message: describeError(registerState.error) })}
      />
    );
  if (ledgerState.status === 'failed')
    return (
      <Alert
        type="error"
        showIcon
        title={t('ledger.loadFailed', { message: describeError(ledgerState.error) })}
      />
    );
  if (value === null)
    return (
      <Spin description={t('ledger.loading')}>
        <div style={{ height: 200 }} />
      </Spin>
    );
  return (
    <LedgerScreenContext.Provider value={value}>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          const next = LEDGER_TABS.find((candidate) => candidate === key);
          if (next !== undefined) open(next);
        }}
        destroyOnHidden
        items={LEDGER_TABS.map((id) => ({
          key: id,
          label: t(TAB_TITLE[id]),
          children: TAB_CONTENT[id](),
        }))}
      />
    </LedgerScreenContext.Provider>
  );
}

import { Alert, Card, Empty, Flex } from 'antd';
import { useMemo } from 'react';
import type { Role } from '../../../../../shared/auth/roles.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { batchNumber, waitingForNotice } from './notice-data.ts';
import { NoticeBatchCard } from './NoticeBatchCard.tsx';
import { NoticeSettingsCard } from './NoticeSettingsCard.tsx';
import { useNoticeActions } from './useNoticeActions.ts';
import { WaitingForNoticeCard } from './WaitingForNoticeCard.tsx';

/**
 * Who runs notices (makes, posts, closes and withdraws batches, and keeps the notice
 * settings): the village's reviewer and its head. The clerk sees the batches and prints
 * their sheets. Closing is also refused by the town server to anyone else
 * (shared/ledger/authority.ts).
 */
const NOTICE_ROLES: readonly Role[] = ['village_reviewer', 'village_admin'];

/**
 * 公示: approved entries waiting for notice, made into batches whose 公示表 is printed as an
 * A4 PDF and posted for the village's notice days; after the period the batch is closed and
 * its entries take effect, except those an open objection holds.
 */
export function NoticesTab() {
  const { t } = useI18n();
  const { scope, ledger } = useLedgerScreen();
  const actions = useNoticeActions();
  const mayRun = NOTICE_ROLES.includes(scope.role);

  // A new snapshot object comes with every change of the ledger.
  const waiting = useMemo(() => waitingForNotice(ledger), [ledger]);

  return (
    <Flex vertical gap={16}>
      {!mayRun && <Alert type="info" showIcon title={t('ledger.notices.readOnly')} />}
      <NoticeSettingsCard settings={ledger.settings} editable={mayRun} actions={actions} />
      <WaitingForNoticeCard waiting={waiting} mayRun={mayRun} actions={actions} />
      <Card size="small" title={t('ledger.notices.batches.title')}>
        {ledger.notices.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('ledger.notices.batches.empty')}
          />
        ) : (
          <Flex vertical gap={12}>
            {ledger.notices.map((notice) => (
              <NoticeBatchCard
                key={notice.id}
                notice={notice}
                batchNo={batchNumber(notice, ledger.notices)}
                mayRun={mayRun}
                actions={actions}
              />
            ))}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}

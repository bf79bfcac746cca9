import { Alert, Button, Card, Empty, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import { DEFAULT_NOTICE_DAYS } from '../../../../../shared/ledger/templates.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { DraftNoticeModal, type DraftValues } from './DraftNoticeModal.tsx';
import { NoticeEntriesTable } from './NoticeEntriesTable.tsx';
import type { NoticeActions } from './useNoticeActions.ts';

interface WaitingForNoticeCardProps {
  readonly waiting: readonly EventDoc[];
  /** Whether this user makes batches (a reviewer or the village head). */
  readonly mayRun: boolean;
  readonly actions: NoticeActions;
}

/** 待公示的记录: approved entries whose rule needs notice, ticked into a new batch. */
export function WaitingForNoticeCard({ waiting, mayRun, actions }: WaitingForNoticeCardProps) {
  const { t, describeError } = useI18n();
  const { ledger } = useLedgerScreen();
  const [selected, setSelected] = useState<string[]>([]);
  const [drafting, setDrafting] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  // Entries that left the list meanwhile (posted elsewhere, synced) drop out of the ticks.
  const chosen = selected.filter((id) => waiting.some((event) => event.id === id));

  const initial = (): DraftValues => {
    const [year, month] = ledger.today.split('-');
    return {
      title: t('ledger.notices.defaultTitle', { year: Number(year), month: Number(month) }),
      startsOn: ledger.today,
      days: ledger.settings?.noticeDays ?? DEFAULT_NOTICE_DAYS,
      objectionContact: ledger.settings?.objectionContact ?? '',
    };
  };

  const draft = async (values: DraftValues): Promise<string | null> => {
    const result = await actions.draft({ ...values, note: '' }, chosen);
    if (!result.ok) return describeError(result.error);
    setDrafting(false);
    setSelected([]);
    setDone(
      t('ledger.notices.created', {
        title: result.value.title,
        count: result.value.itemIds.length,
      }),
    );
    return null;
  };

  return (
    <Card
      size="small"
      title={t('ledger.notices.waiting.title', { count: waiting.length })}
      data-testid="notice-waiting"
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('ledger.notices.waiting.help')}</Typography.Text>
        {done !== null && (
          <Alert
            type="success"
            showIcon
            closable={{
              onClose: () => {
                setDone(null);
              },
            }}
            title={done}
          />
        )}
        {waiting.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('ledger.notices.waiting.empty')}
          />
        ) : (
          <>
            {mayRun && (
              <Space wrap>
                <Button
                  onClick={() => {
                    setSelected(waiting.map((event) => event.id));
                  }}
                >
                  {t('ledger.notices.selectAll')}
                </Button>
                <Button
                  type="primary"
                  disabled={chosen.length === 0}
                  onClick={() => {
                    setDone(null);
                    setDrafting(true);
                  }}
                >
                  {t('ledger.notices.create')}
                </Button>
                <Typography.Text data-testid="notice-selected">
                  {t('ledger.notices.selected', { count: chosen.length })}
                </Typography.Text>
              </Space>
            )}
            <NoticeEntriesTable
              events={waiting}
              testId="notice-waiting-table"
              {...(mayRun ? { selection: { keys: chosen, onChange: setSelected } } : {})}
            />
          </>
        )}
      </Flex>
      {drafting && (
        <DraftNoticeModal
          count={chosen.length}
          today={ledger.today}
          initial={initial()}
          onCancel={() => {
            setDrafting(false);
          }}
          onConfirm={draft}
        />
      )}
    </Card>
  );
}

import { Alert, Button, Card, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { NoticeDoc, NoticeStatus } from '../../../../../shared/collections/notices.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { batchOutcome, heldItems, itemsOf } from './notice-data.ts';
import { NoticeEntriesTable } from './NoticeEntriesTable.tsx';
import type { NoticeActions } from './useNoticeActions.ts';

const STATUS_COLOUR: { readonly [S in NoticeStatus]: string } = {
  draft: 'default',
  published: 'processing',
  closed: 'success',
  withdrawn: 'default',
};

type Feedback = { readonly type: 'success' | 'info' | 'error'; readonly text: string };

interface NoticeBatchCardProps {
  readonly notice: NoticeDoc;
  readonly batchNo: string;
  /** Whether this user posts, closes and withdraws batches. */
  readonly mayRun: boolean;
  readonly actions: NoticeActions;
}

/**
 * One notice batch: its number, period and state; its 公示表 printed to PDF; posting a
 * draft or withdrawing it; closing it after the period; and what became of its entries.
 */
export function NoticeBatchCard({ notice, batchNo, mayRun, actions }: NoticeBatchCardProps) {
  const { t, describeError } = useI18n();
  const { ledger } = useLedgerScreen();
  const [working, setWorking] = useState<'publish' | 'close' | 'withdraw' | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const printing = actions.printState.status === 'working' && actions.printState.job === notice.id;
  const ended = ledger.today > notice.endsOn;
  const items = itemsOf(ledger, notice);
  const outcome = notice.status === 'closed' ? batchOutcome(ledger, notice) : null;

  const print = async () => {
    setFeedback(null);
    const state = await actions.print(notice);
    if (state.status === 'saved')
      setFeedback({ type: 'success', text: t('ledger.notices.printed', { path: state.path }) });
    else if (state.status === 'cancelled')
      setFeedback({ type: 'info', text: t('ledger.notices.printCancelled') });
    else if (state.status === 'failed')
      setFeedback({ type: 'error', text: describeError(state.error) });
  };

  const publish = async () => {
    setWorking('publish');
    const result = await actions.publish(notice.id);
    setWorking(null);
    setFeedback(
      result.ok
        ? {
            type: 'success',
            text: t('ledger.notices.published', {
              startsOn: result.value.notice.startsOn,
              endsOn: result.value.notice.endsOn,
            }),
          }
        : { type: 'error', text: describeError(result.error) },
    );
  };

  const close = async () => {
    setWorking('close');
    const result = await actions.close(notice.id);
    setWorking(null);
    if (!result.ok) {
      setFeedback({ type: 'error', text: describeError(result.error) });
      return;
    }
    const effective = result.value.events.length;
    const changed = new Set(result.value.events.map((event) => event.id));
    const rest = items.filter((event) => !changed.has(event.id));
    const holding = heldItems(ledger, notice);
    const held = rest.filter((event) => holding.has(event.id)).length;
    const others = rest.length - held;
    setFeedback({
      type: 'success',
      text:
        others === 0
          ? t('ledger.notices.closed', { effective, held })
          : t('ledger.notices.closedOthers', { effective, held, others }),
    });
  };

  const withdraw = async () => {
    setWorking('withdraw');
    const result = await actions.withdraw(notice.id);
    setWorking(null);
    setFeedback(
      result.ok
        ? { type: 'success', text: t('ledger.notices.withdrawn') }
        : { type: 'error', text: describeError(result.error) },
    );
  };

  return (
    <Card
      size="small"
      type="inner"
      data-testid="notice-batch"
      data-status={notice.status}
      title={
        <Space wrap>
          <span>{notice.title}</span>
          <Tag color={STATUS_COLOUR[notice.status]}>
            {t(`ledger.notices.status.${notice.status}`)}
          </Tag>
          <Typography.Text type="secondary">
            {t('ledger.notices.batchNo', { number: batchNo })}
          </Typography.Text>
        </Space>
      }
      extra={
        notice.status === 'withdrawn' ? null : (
          <Space wrap>
            <Button loading={printing} onClick={() => void print()}>
              {t('ledger.notices.print')}
            </Button>
            {mayRun && notice.status === 'draft' && (
              <>
                <Button
                  type="primary"
                  loading={working === 'publish'}
                  onClick={() => void publish()}
                >
                  {t('ledger.notices.publish')}
                </Button>
                <Popconfirm
                  title={t('ledger.notices.withdraw.confirm')}
                  okText={t('ledger.notices.withdraw.ok')}
                  cancelText={t('ledger.notices.create.cancel')}
                  onConfirm={() => void withdraw()}
                >
                  <Button danger loading={working === 'withdraw'}>
                    {t('ledger.notices.withdraw')}
                  </Button>
                </Popconfirm>
              </>
            )}
            {mayRun && notice.status === 'published' && (
              <Button
                type={ended ? 'primary' : 'default'}
                loading={working === 'close'}
                onClick={() => void close()}
              >
                {t('ledger.notices.close')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text>
          {t('ledger.notices.period', {
            startsOn: notice.startsOn,
            endsOn: notice.endsOn,
            days: notice.days,
          })}
          {' · '}
          {t('ledger.notices.count', { count: notice.itemIds.length })}
        </Typography.Text>
        {notice.status === 'draft' && (
          <Alert type="info" showIcon title={t('ledger.notices.draftHint')} />
        )}
        {notice.status === 'published' && (
          <Alert
            type={ended ? 'warning' : 'info'}
            showIcon
            title={
              ended
                ? t('ledger.notices.closeDue')
                : t('ledger.notices.closeNotYet', { endsOn: notice.endsOn })
            }
          />
        )}
        {outcome !== null && (
          <Typography.Text strong data-testid="notice-outcome">
            {t('ledger.notices.outcome.summary', {
              effective: outcome.effective.length,
              held: outcome.held.length,
            })}
          </Typography.Text>
        )}
        {feedback !== null && (
          <Alert
            type={feedback.type}
            showIcon
            title={feedback.text}
            data-testid="notice-batch-feedback"
          />
        )}
        {notice.status !== 'withdrawn' && (
          <NoticeEntriesTable
            events={items}
            showOutcome={notice.status === 'closed'}
            testId="notice-batch-entries"
          />
        )}
      </Flex>
    </Card>
  );
}

import { Badge, Flex, Segmented, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { ReversalSearch } from './ReversalSearch.tsx';
import { reviewLists } from './review-queue.ts';
import { ReviewQueue } from './ReviewQueue.tsx';
import { WaitingList } from './WaitingList.tsx';

type ReviewView = 'pending' | 'awaiting-notice' | 'awaiting-confirmation' | 'reverse';

/**
 * 审核: the queue of submitted entries (a second person approves, returns or rejects each),
 * the reviewed entries waiting for notice or for the township (read-only), and 冲正 of an
 * effective entry.
 */
export function ReviewTab() {
  const { t } = useI18n();
  const { ledger } = useLedgerScreen();
  const [view, setView] = useState<ReviewView>('pending');
  const lists = useMemo(() => reviewLists(ledger.events.values()), [ledger]);

  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={16} wrap>
        <Badge count={lists.pending.length} showZero overflowCount={99_999} color="#b7282e">
          <Typography.Title level={4} style={{ margin: 0, paddingInlineEnd: 12 }}>
            {t('ledger.review.title')}
          </Typography.Title>
        </Badge>
        <Typography.Text data-testid="pending-count" strong>
          {t('ledger.review.pendingCount', { count: lists.pending.length })}
        </Typography.Text>
      </Flex>
      <Segmented<ReviewView>
        aria-label={t('ledger.review.views')}
        value={view}
        onChange={setView}
        options={[
          {
            value: 'pending',
            label: t('ledger.review.view.pending', { count: lists.pending.length }),
          },
          {
            value: 'awaiting-notice',
            label: t('ledger.review.view.awaitingNotice', { count: lists.awaitingNotice.length }),
          },
          {
            value: 'awaiting-confirmation',
            label: t('ledger.review.view.awaitingConfirmation', {
              count: lists.awaitingConfirmation.length,
            }),
          },
          { value: 'reverse', label: t('ledger.review.view.reverse') },
        ]}
      />
      {view === 'pending' && <ReviewQueue events={lists.pending} />}
      {view === 'awaiting-notice' && (
        <WaitingList events={lists.awaitingNotice} waitsFor="notice" />
      )}
      {view === 'awaiting-confirmation' && (
        <WaitingList events={lists.awaitingConfirmation} waitsFor="confirmation" />
      )}
      {view === 'reverse' && <ReversalSearch />}
    </Flex>
  );
}

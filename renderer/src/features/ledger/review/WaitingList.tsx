import { Alert, Flex } from 'antd';
import { useMemo } from 'react';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { EntryTable } from './EntryTable.tsx';
import { byRecording, entryRow } from './review-queue.ts';

interface WaitingListProps {
  readonly events: readonly EventDoc[];
  /** What they wait for: a notice batch (公示), or the township's confirmation of a direct rating. */
  readonly waitsFor: 'notice' | 'confirmation';
}

/**
 * Reviewed entries that wait for a next step taken elsewhere: approved entries waiting to be
 * posted (the notices tab posts them), direct-rating deductions waiting for the township.
 * Read-only here.
 */
export function WaitingList({ events, waitsFor }: WaitingListProps) {
  const { t } = useI18n();
  const { scope, register, ledger } = useLedgerScreen();
  const rows = useMemo(() => {
    const reviewer = { userId: scope.userId, householdIds: [] };
    return events
      .map((event) => entryRow(event, ledger, register, reviewer))
      .sort(byRecording('oldest'));
  }, [events, ledger, register, scope.userId]);
  return (
    <Flex vertical gap={12}>
      <Alert
        type="info"
        showIcon
        title={t(
          waitsFor === 'notice'
            ? 'ledger.review.waiting.notice'
            : 'ledger.review.waiting.confirmation',
        )}
      />
      <EntryTable
        rows={rows}
        ledger={ledger}
        testId={waitsFor === 'notice' ? 'awaiting-notice-table' : 'awaiting-confirmation-table'}
        showReview
        showState
      />
    </Flex>
  );
}

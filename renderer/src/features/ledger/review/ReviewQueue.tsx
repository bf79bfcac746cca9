import { Alert, Button, Flex, message, Space, Typography } from 'antd';
import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { ReviewDecision, Reviewer } from '../../../../../shared/ledger/review.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { EntryTable } from './EntryTable.tsx';
import { ReviewDecisionModal } from './ReviewDecisionModal.tsx';
import { ReviewFilters } from './ReviewFilters.tsx';
import {
  byRecording,
  NO_QUEUE_FILTERS,
  passesQueueFilters,
  queueRows,
  REVIEW_ROLES,
  type EntryRow,
  type QueueFilters,
} from './review-queue.ts';
import { useEntryWords } from './review-words.ts';
import { useReviewActions } from './useReviewActions.ts';

interface ReviewQueueProps {
  /** The submitted entries. */
  readonly events: readonly EventDoc[];
}

interface Deciding {
  readonly decision: ReviewDecision;
  readonly rows: readonly EntryRow[];
}

function isTyping(target: EventTarget): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return target.type !== 'checkbox';
  return target instanceof HTMLElement && target.isContentEditable;
}

/**
 * 审核队列: the submitted entries with filters; per row and in bulk 通过 / 退回 / 驳回 with
 * a note. An entry this user may not review (own entry, own household) is listed with its
 * buttons disabled and the reason beside them; a clerk sees the queue read-only.
 *
 * Keyboard: Tab reaches the checkboxes, Space ticks one; 「A」 or Enter on a checkbox asks
 * to approve the ticked entries (the confirmation's button has the focus, so Enter again
 * confirms).
 */
export function ReviewQueue({ events }: ReviewQueueProps) {
  const { t, describeError } = useI18n();
  const { scope, register, ledger } = useLedgerScreen();
  const words = useEntryWords();
  const actions = useReviewActions();
  const [notice, noticeHolder] = message.useMessage();
  const [filters, setFilters] = useState<QueueFilters>(NO_QUEUE_FILTERS);
  const [selected, setSelected] = useState<readonly string[]>([]);
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const [refusals, setRefusals] = useState<readonly string[]>([]);
  const mayDecide = REVIEW_ROLES.includes(scope.role);

  const reviewer = useMemo<Reviewer>(
    () => ({ userId: scope.userId, householdIds: [] }),
    [scope.userId],
  );
  const allRows = useMemo(
    () => queueRows(events, ledger, register, reviewer, NO_QUEUE_FILTERS),
    [events, ledger, register, reviewer],
  );
  const rows = useMemo(
    () =>
      allRows.filter((row) => passesQueueFilters(row, filters)).sort(byRecording(filters.order)),
    [allRows, filters],
  );
  const selectable = useCallback(
    (row: EntryRow) => mayDecide && row.blocked === undefined,
    [mayDecide],
  );
  const reviewable = rows.filter(selectable);
  // Ticked rows that are still listed and reviewable (reviewed ones leave the queue).
  const reviewableKeys = new Set(reviewable.map((row) => row.key));
  const ticked = selected.filter((key) => reviewableKeys.has(key));
  const tickedKeys = new Set(ticked);
  const tickedRows = reviewable.filter((row) => tickedKeys.has(row.key));

  const itemOf = (row: EntryRow) =>
    t('ledger.review.item', {
      subject: words.subject(row.subjectType, row.subjectName),
      rule: words.rule(row.ruleName, row.isReversal),
      points: words.points(row.points),
      date: row.occurredOn,
    });

  const open = (decision: ReviewDecision, list: readonly EntryRow[]) => {
    if (list.length === 0) {
      void notice.info(t('ledger.review.selectFirst'));
      return;
    }
    setDeciding({ decision, rows: list });
  };

  const decide = async (note: string): Promise<string | null> => {
    if (deciding === null) return null;
    const { decision } = deciding;
    const byKey = new Map(deciding.rows.map((row) => [row.key, row]));
    const result = await actions.review(
      deciding.rows.map((row) => row.key),
      decision,
      note,
    );
    if (!result.ok) return t('ledger.review.failed', { message: describeError(result.error) });
    const { reviewed, refused } = result.value;
    const refusalTexts = refused.map((refusal) => {
      const row = byKey.get(refusal.eventId);
      return t('ledger.review.refusedItem', {
        item: row === undefined ? refusal.eventId : itemOf(row),
        message: describeError(refusal.error),
      });
    });
    if (reviewed === 0 && refusalTexts.length > 0) return refusalTexts.join('\n');
    setDeciding(null);
    setSelected([]);
    setRefusals(refusalTexts);
    void notice.success(t(`ledger.review.done.${decision}`, { count: reviewed }));
    return null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!mayDecide || deciding !== null) return;
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    const onCheckbox = event.target instanceof HTMLInputElement && event.target.type === 'checkbox';
    if (!(event.key === 'a' || event.key === 'A' || (event.key === 'Enter' && onCheckbox))) return;
    event.preventDefault();
    open('approved', tickedRows);
  };

  const rowActions = (row: EntryRow) => {
    const blocked = row.blocked;
    return (
      <Flex vertical gap={4}>
        <Space size={4}>
          <Button
            size="small"
            type="primary"
            autoInsertSpace={false}
            disabled={blocked !== undefined}
            onClick={() => {
              open('approved', [row]);
            }}
          >
            {t('ledger.review.approve')}
          </Button>
          <Button
            size="small"
            autoInsertSpace={false}
            disabled={blocked !== undefined}
            onClick={() => {
              open('returned', [row]);
            }}
          >
            {t('ledger.review.return')}
          </Button>
          <Button
            size="small"
            danger
            autoInsertSpace={false}
            disabled={blocked !== undefined}
            onClick={() => {
              open('rejected', [row]);
            }}
          >
            {t('ledger.review.reject')}
          </Button>
        </Space>
        {blocked !== undefined && (
          <Typography.Text type="warning" data-testid="review-blocked">
            {words.blocked(blocked)}
          </Typography.Text>
        )}
      </Flex>
    );
  };

  return (
    <Flex vertical gap={12} onKeyDown={onKeyDown} data-testid="review-queue">
      {noticeHolder}
      {!mayDecide && <Alert type="info" showIcon title={t('ledger.review.readOnly')} />}
      <ReviewFilters filters={filters} onChange={setFilters} rows={allRows} register={register} />
      {mayDecide && (
        <Flex wrap gap={8} align="center" role="toolbar" aria-label={t('ledger.review.bulkBar')}>
          <Typography.Text data-testid="review-selected">
            {t('ledger.review.selected', { count: ticked.length })}
          </Typography.Text>
          <Button
            type="primary"
            disabled={ticked.length === 0}
            onClick={() => {
              open('approved', tickedRows);
            }}
          >
            {t('ledger.review.bulk.approve')}
          </Button>
          <Button
            disabled={ticked.length === 0}
            onClick={() => {
              open('returned', tickedRows);
            }}
          >
            {t('ledger.review.bulk.return')}
          </Button>
          <Button
            danger
            disabled={ticked.length === 0}
            onClick={() => {
              open('rejected', tickedRows);
            }}
          >
            {t('ledger.review.bulk.reject')}
          </Button>
          <Button
            disabled={reviewable.length === 0}
            onClick={() => {
              setSelected(reviewable.map((row) => row.key));
            }}
          >
            {t('ledger.review.selectAll', { count: reviewable.length })}
          </Button>
          {ticked.length > 0 && (
            <Button
              type="link"
              onClick={() => {
                setSelected([]);
              }}
            >
              {t('ledger.review.clearSelection')}
            </Button>
          )}
          <Typography.Text type="secondary">{t('ledger.review.keyboardHint')}</Typography.Text>
        </Flex>
      )}
      {refusals.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable={{
            onClose: () => {
              setRefusals([]);
            },
          }}
          title={t('ledger.review.someRefused', { count: refusals.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {refusals.map((text, index) => (
                <li key={index}>{text}</li>
              ))}
            </ul>
          }
        />
      )}
      <EntryTable
        rows={rows}
        ledger={ledger}
        testId="review-table"
        {...(mayDecide
          ? {
              selection: { keys: ticked, onChange: setSelected, selectable },
              actions: rowActions,
            }
          : {})}
      />
      {deciding !== null && (
        <ReviewDecisionModal
          decision={deciding.decision}
          items={deciding.rows.map(itemOf)}
          onCancel={() => {
            setDeciding(null);
          }}
          onConfirm={decide}
        />
      )}
    </Flex>
  );
}

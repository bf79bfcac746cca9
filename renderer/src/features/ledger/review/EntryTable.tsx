import { PaperClipOutlined } from '@ant-design/icons';
import { Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TableRowSelection } from 'antd/es/table/interface';
import { useMemo, type ReactNode } from 'react';
import { chinaTime } from '../../../../../shared/ledger/dates.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { VillageLedger } from '../village-ledger.ts';
import { EventStatusTag } from './EventStatusTag.tsx';
import type { EntryRow } from './review-queue.ts';
import { useEntryWords } from './review-words.ts';

export interface EntrySelection {
  readonly keys: readonly string[];
  readonly onChange: (keys: string[]) => void;
  /** Rows whose checkbox is enabled (the ones this user may review). */
  readonly selectable: (row: EntryRow) => boolean;
}

interface EntryTableProps {
  readonly rows: readonly EntryRow[];
  readonly ledger: VillageLedger;
  readonly testId: string;
  readonly selection?: EntrySelection;
  /** The last column: what may be done with the row. */
  readonly actions?: (row: EntryRow) => ReactNode;
  /** Show the entry's state (for lists beyond the queue). */
  readonly showState?: boolean;
  /** Show who reviewed it and when (approved lists). */
  readonly showReview?: boolean;
}

/**
 * Entries as the review screens list them: who it is about, the rule as recorded, points,
 * the act's date, who recorded it, a late-entry flag, the note and the evidence count.
 * Each row is named by its subject and rule (aria-label), so it can be found by name.
 */
export function EntryTable({
  rows,
  ledger,
  testId,
  selection,
  actions,
  showState = false,
  showReview = false,
}: EntryTableProps) {
  const { t } = useI18n();
  const words = useEntryWords();
  const columns = useMemo<ColumnsType<EntryRow>>(() => {
    const list: ColumnsType<EntryRow> = [
      {
        title: t('ledger.review.column.subject'),
        key: 'subject',
        width: 130,
        render: (_, row) => (
          <Flex vertical>
            <Typography.Text strong>
              {words.subject(row.subjectType, row.subjectName)}
            </Typography.Text>
            {row.subjectType === 'resident' && row.householdNo !== '' && (
              <Typography.Text type="secondary">
                {t('ledger.review.householdSubject', { number: row.householdNo })}
              </Typography.Text>
            )}
          </Flex>
        ),
      },
      {
        title: t('ledger.review.column.rule'),
        key: 'rule',
        width: 220,
        render: (_, row) => (
          <Flex vertical>
            <span>{words.rule(row.ruleName, row.isReversal)}</span>
            <Typography.Text type="secondary" code>
              {row.ruleCode}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        title: t('ledger.review.column.points'),
        key: 'points',
        width: 70,
        align: 'right',
        render: (_, row) => (
          <Typography.Text type={row.points < 0 ? 'danger' : 'success'} strong>
            {words.points(row.points)}
          </Typography.Text>
        ),
      },
      {
        title: t('ledger.review.column.occurredOn'),
        key: 'occurredOn',
        width: 110,
        render: (_, row) => (
          <Flex vertical align="start">
            <span>{row.occurredOn}</span>
            {row.late && <Tag color="orange">{t('ledger.review.late')}</Tag>}
          </Flex>
        ),
      },
      {
        title: t('ledger.review.column.recordedBy'),
        key: 'recordedBy',
        width: 150,
        render: (_, row) => (
          <Flex vertical>
            <span>{words.person(row.recordedBy)}</span>
            <Typography.Text type="secondary">{chinaTime(row.recordedAt)}</Typography.Text>
          </Flex>
        ),
      },
      {
        title: t('ledger.review.column.note'),
        key: 'note',
        width: 200,
        render: (_, row) => (
          <Flex vertical>
            <span>{row.note}</span>
            {row.evidenceCount > 0 && (
              <Typography.Text type="secondary">
                <PaperClipOutlined /> {t('ledger.review.evidence', { count: row.evidenceCount })}
              </Typography.Text>
            )}
          </Flex>
        ),
      },
    ];
    if (showReview)
      list.push({
        title: t('ledger.review.column.reviewedBy'),
        key: 'reviewedBy',
        width: 150,
        render: (_, row) =>
          row.event.review === undefined ? null : (
            <Flex vertical>
              <span>{words.person(row.event.review.by)}</span>
              <Typography.Text type="secondary">{chinaTime(row.event.review.at)}</Typography.Text>
            </Flex>
          ),
      });
    if (showState)
      list.push({
        title: t('ledger.review.column.state'),
        key: 'state',
        width: 110,
        render: (_, row) => <EventStatusTag event={row.event} ledger={ledger} />,
      });
    if (actions !== undefined)
      list.push({
        title: t('ledger.review.column.actions'),
        key: 'actions',
        width: 230,
        render: (_, row) => actions(row),
      });
    return list;
  }, [t, words, showReview, showState, actions, ledger]);

  const rowSelection: TableRowSelection<EntryRow> | undefined =
    selection === undefined
      ? undefined
      : {
          selectedRowKeys: [...selection.keys],
          onChange: (keys) => {
            selection.onChange(keys.map(String));
          },
          getCheckboxProps: (row) => ({
            disabled: !selection.selectable(row),
            'aria-label': t('ledger.review.selectRow', {
              subject: words.subject(row.subjectType, row.subjectName),
              rule: row.ruleName,
            }),
          }),
        };

  return (
    <Table<EntryRow>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={[...rows]}
      {...(rowSelection === undefined ? {} : { rowSelection })}
      onRow={(row) => ({
        'aria-label': t('ledger.review.rowLabel', {
          subject: words.subject(row.subjectType, row.subjectName),
          rule: words.rule(row.ruleName, row.isReversal),
        }),
      })}
      pagination={{
        defaultPageSize: 100,
        pageSizeOptions: [50, 100, 200, 500],
        showSizeChanger: true,
        hideOnSinglePage: true,
      }}
      scroll={{ x: 1100 }}
      locale={{ emptyText: t('ledger.review.empty') }}
      data-testid={testId}
    />
  );
}

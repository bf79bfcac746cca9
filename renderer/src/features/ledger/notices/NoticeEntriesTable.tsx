import { Table, Tag, type TableColumnsType } from 'antd';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { EventStatusTag } from '../review/EventStatusTag.tsx';
import { useEntryWords } from '../review/review-words.ts';
import { itemOutcome, type ItemOutcome } from './notice-data.ts';

interface NoticeEntriesTableProps {
  readonly events: readonly EventDoc[];
  /** Ticking entries (the waiting list); absent for a batch's own list. */
  readonly selection?: {
    readonly keys: readonly string[];
    readonly onChange: (keys: string[]) => void;
  };
  /** Adds 公示结果: what became of each entry (a closed batch). */
  readonly showOutcome?: boolean;
  readonly testId?: string;
}

const OUTCOME_COLOUR: { readonly [O in ItemOutcome]: string } = {
  effective: 'success',
  held: 'warning',
  annulled: 'default',
  'awaiting-confirmation': 'processing',
  'in-notice': 'processing',
  other: 'default',
};

/** A list of entries in the notice screen; each row is named 「subject：rule」. */
export function NoticeEntriesTable({
  events,
  selection,
  showOutcome = false,
  testId,
}: NoticeEntriesTableProps) {
  const { t } = useI18n();
  const { register, ledger } = useLedgerScreen();
  const words = useEntryWords();

  const subjectOf = (event: EventDoc) =>
    words.subject(
      event.subjectType,
      event.subjectType === 'resident'
        ? (register.residentById.get(event.subjectId)?.name ?? '')
        : (register.householdById.get(event.subjectId)?.householdNo ?? ''),
    );
  const ruleOf = (event: EventDoc) =>
    event.kind === 'accrual' || event.kind === 'deduction' ? event.rule.nameZh : '';

  const columns: TableColumnsType<EventDoc> = [
    { title: t('ledger.notices.column.subject'), key: 'subject', render: (_, e) => subjectOf(e) },
    { title: t('ledger.notices.column.rule'), key: 'rule', render: (_, e) => ruleOf(e) },
    {
      title: t('ledger.notices.column.points'),
      key: 'points',
      render: (_, e) => words.points(e.points),
    },
    { title: t('ledger.notices.column.occurredOn'), key: 'occurredOn', dataIndex: 'occurredOn' },
    {
      title: t('ledger.notices.column.state'),
      key: 'state',
      render: (_, e) => <EventStatusTag event={e} ledger={ledger} />,
    },
  ];
  if (showOutcome)
    columns.push({
      title: t('ledger.notices.column.outcome'),
      key: 'outcome',
      render: (_, e) => {
        const outcome = itemOutcome(e, ledger);
        return (
          <Tag color={OUTCOME_COLOUR[outcome]} data-outcome={outcome}>
            {outcome === 'effective'
              ? t('ledger.notices.outcome.effective', { on: e.effectiveOn ?? '' })
              : t(`ledger.notices.outcome.${outcome}`)}
          </Tag>
        );
      },
    });

  return (
    <Table<EventDoc>
      size="small"
      rowKey="id"
      pagination={{
        defaultPageSize: 100,
        pageSizeOptions: [50, 100, 200, 500],
        showSizeChanger: true,
        hideOnSinglePage: true,
      }}
      data-testid={testId}
      dataSource={[...events]}
      onRow={(event) => ({
        'aria-label': t('ledger.notices.rowLabel', {
          subject: subjectOf(event),
          rule: ruleOf(event),
        }),
      })}
      {...(selection === undefined
        ? {}
        : {
            rowSelection: {
              selectedRowKeys: [...selection.keys],
              onChange: (keys) => {
                selection.onChange(keys.map(String));
              },
              getCheckboxProps: (event: EventDoc) => ({
                'aria-label': t('ledger.notices.selectRow', {
                  subject: subjectOf(event),
                  rule: ruleOf(event),
                }),
              }),
            },
          })}
      columns={columns}
    />
  );
}

import { Button, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ObjectionStatus } from '../../../../../shared/collections/cases.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { MessageKey } from '../../../i18n/catalogue.ts';
import { EventStatusTag } from '../review/EventStatusTag.tsx';
import { useEntryWords } from '../review/review-words.ts';
import type { VillageLedger } from '../village-ledger.ts';
import type { ObjectionRow } from './objection-data.ts';

interface ObjectionTableProps {
  readonly rows: readonly ObjectionRow[];
  readonly ledger: VillageLedger;
  /** Reviewers and the village admin act; clerks read. */
  readonly mayAct: boolean;
  readonly busy: string | null;
  readonly onVerify: (row: ObjectionRow) => void;
  readonly onDecide: (row: ObjectionRow) => void;
  readonly onClose: (row: ObjectionRow) => void;
}

const STATUS_WORDS: { readonly [S in ObjectionStatus]: MessageKey } = {
  received: 'ledger.objections.status.received',
  verifying: 'ledger.objections.status.verifying',
  upheld: 'ledger.objections.status.upheld',
  dismissed: 'ledger.objections.status.dismissed',
  closed: 'ledger.objections.status.closed',
};

const STATUS_COLOURS: { readonly [S in ObjectionStatus]: string } = {
  received: 'blue',
  verifying: 'gold',
  upheld: 'volcano',
  dismissed: 'green',
  closed: 'default',
};

const OVERDUE_ROW = { background: '#fff1f0' };

/** The objections with their entry, reason, dates, state and decision; overdue ones in red. */
export function ObjectionTable({
  rows,
  ledger,
  mayAct,
  busy,
  onVerify,
  onDecide,
  onClose,
}: ObjectionTableProps) {
  const { t } = useI18n();
  const words = useEntryWords();
  const ruleName = (row: ObjectionRow) =>
    row.target?.kind === 'accrual' || row.target?.kind === 'deduction'
      ? row.target.rule.nameZh
      : t('ledger.objections.unknownRule');

  const columns: ColumnsType<ObjectionRow> = [
    {
      title: t('ledger.objections.column.subject'),
      key: 'subject',
      width: 110,
      render: (_, row) => (
        <Typography.Text strong>{words.subject(row.subjectType, row.subjectName)}</Typography.Text>
      ),
    },
    {
      title: t('ledger.objections.column.entry'),
      key: 'entry',
      width: 240,
      render: (_, row) =>
        row.target === undefined ? (
          <Typography.Text type="secondary">{t('ledger.objections.entryMissing')}</Typography.Text>
        ) : (
          <Flex vertical align="start" gap={2}>
            <span>
              {t('ledger.objections.entrySummary', {
                date: row.target.occurredOn,
                rule: ruleName(row),
                points: words.points(row.target.points),
              })}
            </span>
            <EventStatusTag event={row.target} ledger={ledger} />
          </Flex>
        ),
    },
    {
      title: t('ledger.objections.column.reason'),
      key: 'reason',
      width: 220,
      render: (_, row) => (
        <Flex vertical>
          <span>{row.objection.reason}</span>
          {row.objection.evidence.map((evidence, index) => (
            <Typography.Text key={index} type="secondary">
              {t('ledger.objections.evidenceNote', { text: evidence.description })}
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      title: t('ledger.objections.column.receivedOn'),
      key: 'receivedOn',
      width: 110,
      render: (_, row) => row.objection.receivedOn,
    },
    {
      title: t('ledger.objections.column.dueOn'),
      key: 'dueOn',
      width: 120,
      render: (_, row) => (
        <Flex vertical align="start">
          <span>{row.objection.dueOn}</span>
          {row.overdue && <Tag color="red">{t('ledger.objections.overdue')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('ledger.objections.column.status'),
      key: 'status',
      width: 90,
      render: (_, row) => (
        <Tag color={STATUS_COLOURS[row.objection.status]} data-status={row.objection.status}>
          {t(STATUS_WORDS[row.objection.status])}
        </Tag>
      ),
    },
    {
      title: t('ledger.objections.column.decision'),
      key: 'decision',
      width: 200,
      render: (_, row) =>
        row.objection.decision === undefined ? null : (
          <Flex vertical>
            <span>
              {row.objection.decision.outcome === 'upheld'
                ? t('ledger.objections.decide.upheld')
                : t('ledger.objections.decide.dismissed')}
            </span>
            <Typography.Text type="secondary">{row.objection.decision.note}</Typography.Text>
          </Flex>
        ),
    },
  ];
  if (mayAct)
    columns.push({
      title: t('ledger.objections.column.actions'),
      key: 'actions',
      width: 200,
      render: (_, row) => {
        const status = row.objection.status;
        return (
          <Space size={4} wrap>
            {status === 'received' && (
              <Button
                size="small"
                loading={busy === row.key}
                onClick={() => {
                  onVerify(row);
                }}
              >
                {t('ledger.objections.verify')}
              </Button>
            )}
            {(status === 'received' || status === 'verifying') && (
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  onDecide(row);
                }}
              >
                {t('ledger.objections.decide.button')}
              </Button>
            )}
            {(status === 'upheld' || status === 'dismissed') && (
              <Popconfirm
                title={t('ledger.objections.closeConfirm')}
                okText={t('ledger.objections.close')}
                cancelText={t('ledger.review.cancel')}
                okButtonProps={{ autoInsertSpace: false }}
                onConfirm={() => {
                  onClose(row);
                }}
              >
                <Button size="small" autoInsertSpace={false} loading={busy === row.key}>
                  {t('ledger.objections.close')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    });

  return (
    <Table<ObjectionRow>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={[...rows]}
      onRow={(row) => ({
        'aria-label': t('ledger.objections.rowLabel', {
          subject: words.subject(row.subjectType, row.subjectName),
          rule: ruleName(row),
        }),
        ...(row.overdue ? { style: OVERDUE_ROW } : {}),
      })}
      pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
      scroll={{ x: 1300 }}
      locale={{ emptyText: t('ledger.objections.empty') }}
      data-testid="objection-table"
    />
  );
}

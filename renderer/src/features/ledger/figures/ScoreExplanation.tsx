import { Card, Space, Table, Tag, Typography } from 'antd';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type {
  CountedEvent,
  NotCountedEvent,
  SubjectScore,
} from '../../../../../shared/ledger/score.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { signed } from '../rules/rule-words.ts';
import { EventRuleCell } from './EventRuleCell.tsx';
import { ruleOfEvent } from './event-label.ts';
import { useFigureWords } from './figure-words.ts';

interface ScoreExplanationProps {
  readonly score: SubjectScore;
  /** The village's events, to name the entry a reversal undoes. */
  readonly events: ReadonlyMap<string, EventDoc>;
}

/**
 * 信用分说明: every entry counted in the score (rule, points, multiplier, contribution,
 * expiry) and every other entry with the reason it does not count. The sum line states
 * the invariant the engine keeps: score = base + Σ counted.
 */
export function ScoreExplanation({ score, events }: ScoreExplanationProps) {
  const { t } = useI18n();
  const words = useFigureWords();
  const countedSum = score.counted.reduce((sum, entry) => sum + entry.contribution, 0);
  return (
    <Card size="small" title={t('ledger.figures.explanation')} data-testid="score-explanation">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Typography.Text strong data-testid="score-sum">
          {t('ledger.figures.sum', {
            base: score.base,
            counted: signed(countedSum),
            score: score.score,
          })}
        </Typography.Text>
        <Typography.Text>{t('ledger.figures.counted')}</Typography.Text>
        <Table<CountedEvent>
          size="small"
          rowKey="eventId"
          data-testid="counted-events"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[...score.counted]}
          locale={{ emptyText: t('ledger.figures.countedEmpty') }}
          columns={[
            {
              title: t('ledger.figures.column.rule'),
              key: 'rule',
              render: (_, entry) => <EventRuleCell kind={entry.kind} rule={entry.rule} />,
            },
            {
              title: t('ledger.figures.column.occurredOn'),
              key: 'on',
              dataIndex: 'occurredOn',
            },
            {
              title: t('ledger.figures.column.points'),
              key: 'points',
              render: (_, entry) => signed(entry.points),
            },
            {
              title: t('ledger.figures.column.multiplier'),
              key: 'multiplier',
              render: (_, entry) =>
                entry.multiplier === 1
                  ? '×1'
                  : t('ledger.figures.repeat', { multiplier: entry.multiplier }),
            },
            {
              title: t('ledger.figures.column.contribution'),
              key: 'contribution',
              render: (_, entry) => signed(entry.contribution),
            },
            {
              title: t('ledger.figures.column.expiresOn'),
              key: 'expires',
              dataIndex: 'expiresOn',
            },
            {
              title: t('ledger.figures.column.remark'),
              key: 'remark',
              render: (_, entry) =>
                entry.liftsTier ? null : <Tag color="orange">{t('ledger.figures.noLift')}</Tag>,
            },
          ]}
        />
        <Typography.Text>{t('ledger.figures.notCounted')}</Typography.Text>
        <Table<NotCountedEvent>
          size="small"
          rowKey="eventId"
          data-testid="not-counted-events"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[...score.notCounted]}
          locale={{ emptyText: t('ledger.figures.notCountedEmpty') }}
          columns={[
            {
              title: t('ledger.figures.column.rule'),
              key: 'rule',
              render: (_, entry) => {
                const event = events.get(entry.eventId);
                return (
                  <EventRuleCell
                    kind={entry.kind}
                    rule={event === undefined ? entry.rule : ruleOfEvent(event, events)}
                  />
                );
              },
            },
            {
              title: t('ledger.figures.column.occurredOn'),
              key: 'on',
              dataIndex: 'occurredOn',
            },
            {
              title: t('ledger.figures.column.points'),
              key: 'points',
              render: (_, entry) => signed(entry.points),
            },
            {
              title: t('ledger.figures.column.reason'),
              key: 'reason',
              render: (_, entry) => <Tag>{words.reason(entry.reason)}</Tag>,
            },
            {
              title: t('ledger.figures.column.expiresOn'),
              key: 'expires',
              render: (_, entry) => entry.expiresOn ?? '',
            },
          ]}
        />
      </Space>
    </Card>
  );
}

import { Card, Table, Tag } from 'antd';
import { useMemo } from 'react';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { RuleSetPolicy } from '../../../../../shared/collections/policies.ts';
import type { SubjectScore } from '../../../../../shared/ledger/score.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { signed, useRuleWords } from '../rules/rule-words.ts';
import { EventRuleCell } from './EventRuleCell.tsx';
import { ruleOfEvent } from './event-label.ts';
import { historyStateOf, newestFirst, reasonsOf } from './event-state.ts';
import { useFigureWords } from './figure-words.ts';

interface EventHistoryTableProps {
  /** The subject's events, any kind and status. */
  readonly subjectEvents: Iterable<EventDoc>;
  readonly score: SubjectScore;
  readonly events: ReadonlyMap<string, EventDoc>;
  readonly ruleSets: readonly RuleSetPolicy[];
  readonly today: string;
}

/**
 * 全部记录: every entry about the subject, newest first, with its state, the rule as it
 * was recorded (the event's snapshot, whatever the rule set says now) and the version of
 * the rule set it was recorded under.
 */
export function EventHistoryTable({
  subjectEvents,
  score,
  events,
  ruleSets,
  today,
}: EventHistoryTableProps) {
  const { t } = useI18n();
  const words = useFigureWords();
  const ruleWords = useRuleWords();
  const rows = useMemo(() => [...subjectEvents].sort(newestFirst), [subjectEvents]);
  const reasons = useMemo(() => reasonsOf(score), [score]);
  const versionOf = (event: EventDoc): string => {
    if (event.kind !== 'accrual' && event.kind !== 'deduction') return '';
    const set = ruleSets.find((candidate) => candidate.id === event.ruleSetId);
    return set === undefined ? '' : ruleWords.version(set);
  };
  return (
    <Card size="small" title={t('ledger.figures.history')}>
      <Table<EventDoc>
        size="small"
        rowKey="id"
        data-testid="event-history"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('ledger.figures.historyEmpty') }}
        columns={[
          {
            title: t('ledger.figures.column.occurredOn'),
            key: 'on',
            dataIndex: 'occurredOn',
          },
          {
            title: t('ledger.figures.column.kind'),
            key: 'kind',
            render: (_, event) => words.kind(event.kind),
          },
          {
            title: t('ledger.figures.column.rule'),
            key: 'rule',
            render: (_, event) => (
              <EventRuleCell kind={event.kind} rule={ruleOfEvent(event, events)} />
            ),
          },
          {
            title: t('ledger.figures.column.points'),
            key: 'points',
            render: (_, event) => signed(event.points),
          },
          {
            title: t('ledger.figures.column.state'),
            key: 'state',
            render: (_, event) => {
              const state = historyStateOf(event, reasons, today);
              return <Tag color={words.stateColour(state)}>{words.state(state)}</Tag>;
            },
          },
          {
            title: t('ledger.figures.column.effectiveOn'),
            key: 'effective',
            render: (_, event) => event.effectiveOn ?? '',
          },
          {
            title: t('ledger.figures.column.expiresOn'),
            key: 'expires',
            render: (_, event) => ('expiresOn' in event ? event.expiresOn : ''),
          },
          {
            title: t('ledger.figures.column.ruleSet'),
            key: 'version',
            render: (_, event) => versionOf(event),
          },
          { title: t('ledger.figures.column.note'), key: 'note', dataIndex: 'note' },
        ]}
      />
    </Card>
  );
}

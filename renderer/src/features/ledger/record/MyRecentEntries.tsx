import { Button, Card, Empty, Table } from 'antd';
import { useMemo } from 'react';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import { withdrawEntry } from '../../../../../shared/ledger/review.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { EventStatusTag } from '../review/EventStatusTag.tsx';
import { useEntryWords } from '../review/review-words.ts';
import { useLedgerWrite } from '../review/useLedgerWrite.ts';

const RECENT = 20;

/** The signed-in user's latest entries, with 撤回 while an entry still waits for review. */
export function MyRecentEntries({ onDone }: { readonly onDone: (text: string) => void }) {
  const { t, describeError } = useI18n();
  const { scope, register, ledger } = useLedgerScreen();
  const words = useEntryWords();
  const writer = useLedgerWrite();

  const entries = useMemo(() => {
    const mine: EventDoc[] = [];
    for (const event of ledger.events.values())
      if (
        event.createdBy === scope.userId &&
        (event.kind === 'accrual' || event.kind === 'deduction')
      )
        mine.push(event);
    return mine.sort((a, b) => b.createdAt - a.createdAt).slice(0, RECENT);
    // The snapshot's version changes with every write; the maps are live.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ledger.version, ledger.events, scope.userId]);

  const nameOf = (event: EventDoc) =>
    words.subject(
      event.subjectType,
      event.subjectType === 'resident'
        ? (register.residentById.get(event.subjectId)?.name ?? '')
        : (register.householdById.get(event.subjectId)?.householdNo ?? ''),
    );
  const ruleOf = (event: EventDoc) =>
    event.kind === 'accrual' || event.kind === 'deduction' ? event.rule.nameZh : '';

  const withdraw = async (event: EventDoc) => {
    const result = await writer.run((current, ctx) => {
      const stored = current.events.get(event.id);
      if (stored === undefined) return { ok: false, error: { code: 'ledger.state-changed' } };
      const withdrawn = withdrawEntry(stored, ctx);
      if (!withdrawn.ok) return withdrawn;
      return { ok: true, value: { writes: { events: [withdrawn.value] }, value: null } };
    });
    onDone(result.ok ? t('ledger.record.recent.withdrawn') : describeError(result.error));
  };

  return (
    <Card size="small" title={t('ledger.record.recent.title')} data-testid="my-recent-entries">
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.record.recent.empty')} />
      ) : (
        <Table<EventDoc>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={entries}
          columns={[
            { title: t('ledger.record.column.subject'), render: (_, event) => nameOf(event) },
            { title: t('ledger.record.column.rule'), render: (_, event) => ruleOf(event) },
            {
              title: t('ledger.record.column.points'),
              render: (_, event) => words.points(event.points),
            },
            { title: t('ledger.record.column.occurredOn'), dataIndex: 'occurredOn' },
            {
              title: t('ledger.record.column.state'),
              render: (_, event) => <EventStatusTag event={event} ledger={ledger} />,
            },
            {
              title: t('ledger.record.column.actions'),
              render: (_, event) =>
                event.status === 'submitted' ? (
                  <Button
                    size="small"
                    aria-label={t('ledger.record.recent.withdrawLabel', {
                      subject: nameOf(event),
                      rule: ruleOf(event),
                    })}
                    onClick={() => void withdraw(event)}
                  >
                    {t('ledger.record.recent.withdraw')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
    </Card>
  );
}

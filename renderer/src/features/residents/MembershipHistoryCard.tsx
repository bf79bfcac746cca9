import { Card, Table } from 'antd';
import { useMemo } from 'react';
import type { Membership } from '../../../../shared/collections/households.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useChoices } from './form-support.ts';
import { useRegister } from './RegisterContext.ts';

interface HistoryRow {
  readonly key: string;
  readonly householdNo: string;
  readonly houseNo: string;
  readonly stint: Membership;
}

/** 入户记录: every stint of the person in any household of the village, oldest first. */
export function MembershipHistoryCard({ residentId }: { readonly residentId: string }) {
  const { t } = useI18n();
  const { register } = useRegister();
  const choices = useChoices();
  const rows = useMemo<HistoryRow[]>(() => {
    const found: HistoryRow[] = [];
    for (const household of register.households) {
      household.members.forEach((stint, index) => {
        if (stint.residentId !== residentId) return;
        found.push({
          key: `${household.id}-${String(index)}`,
          householdNo: household.householdNo,
          houseNo: household.houseNo,
          stint,
        });
      });
    }
    return found.sort(
      (a, b) =>
        a.stint.from.localeCompare(b.stint.from) ||
        (a.stint.to ?? '9').localeCompare(b.stint.to ?? '9'),
    );
  }, [register.households, residentId]);

  return (
    <Card title={t('register.file.history')}>
      <Table<HistoryRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        data-testid="membership-history"
        locale={{ emptyText: t('register.file.historyEmpty') }}
        columns={[
          {
            title: t('register.column.householdNo'),
            key: 'no',
            render: (_, row) => row.householdNo,
          },
          { title: t('register.column.houseNo'), key: 'house', render: (_, row) => row.houseNo },
          {
            title: t('register.column.relation'),
            key: 'relation',
            render: (_, row) => choices.relation(row.stint.relation),
          },
          { title: t('register.column.since'), key: 'from', render: (_, row) => row.stint.from },
          {
            title: t('register.column.until'),
            key: 'to',
            render: (_, row) => row.stint.to ?? t('register.file.untilNow'),
          },
        ]}
      />
    </Card>
  );
}

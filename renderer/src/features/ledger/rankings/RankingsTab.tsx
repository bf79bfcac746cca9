import { Card, DatePicker, Flex, Form, Radio, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { periodOf, type Period, type Ranked } from '../../../../../shared/ledger/rankings.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { NO_GROUP } from '../../residents/register-data.ts';
import { residentHash } from '../../residents/useRegisterRoute.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import {
  rankingRows,
  type RankedSubject,
  type RankingFigure,
  type RankingRow,
} from './ranking-rows.ts';

/** 本月, 本年, a chosen month ('YYYY-MM') or a chosen year ('YYYY'). */
type PeriodChoice = 'month' | 'year' | 'pick-month' | 'pick-year';

const TOP_CHOICES = [10, 20, 50, 100];

/**
 * 积分排行: residents (or households) of the village or of one group (村民小组), by honour
 * total or by the points earned in a month or a year. For staff: names are shown.
 */
export function RankingsTab() {
  const { t } = useI18n();
  const { register, ledger } = useLedgerScreen();
  const [subject, setSubject] = useState<RankedSubject>('resident');
  const [figure, setFigure] = useState<RankingFigure>('honour');
  const [choice, setChoice] = useState<PeriodChoice>('month');
  const [month, setMonth] = useState(ledger.today.slice(0, 7));
  const [year, setYear] = useState(ledger.today.slice(0, 4));
  const [groupId, setGroupId] = useState('');
  const [top, setTop] = useState(20);

  const period: Period = useMemo(() => {
    if (choice === 'month') return periodOf(ledger.today, 'month');
    if (choice === 'year') return periodOf(ledger.today, 'year');
    if (choice === 'pick-month') return periodOf(`${month}-01`, 'month');
    return periodOf(`${year}-01-01`, 'year');
  }, [choice, month, year, ledger.today]);

  const rows = useMemo(
    () => rankingRows(register, ledger, { subject, figure, period, groupId, top }),
    [register, ledger, subject, figure, period, groupId, top],
  );

  const figureTitle =
    figure === 'honour' ? t('ledger.rankings.honourTotal') : t('ledger.rankings.earned');

  return (
    <Flex vertical gap={16}>
      <Card>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label={t('ledger.rankings.subject')}>
            <Radio.Group
              optionType="button"
              value={subject}
              onChange={(event) => {
                setSubject(event.target.value as RankedSubject);
              }}
              options={[
                { value: 'resident', label: t('ledger.rankings.subject.resident') },
                { value: 'household', label: t('ledger.rankings.subject.household') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('ledger.rankings.figure')}>
            <Radio.Group
              optionType="button"
              value={figure}
              onChange={(event) => {
                setFigure(event.target.value as RankingFigure);
              }}
              options={[
                { value: 'honour', label: t('ledger.rankings.honourTotal') },
                { value: 'period', label: t('ledger.rankings.earned') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('ledger.rankings.group')}>
            <Select
              aria-label={t('ledger.rankings.group')}
              style={{ minWidth: 160 }}
              value={groupId}
              onChange={setGroupId}
              options={[
                { value: '', label: t('ledger.rankings.wholeVillage') },
                ...register.groups.map((group) => ({ value: group.id, label: group.name })),
                { value: NO_GROUP, label: t('ledger.rankings.noGroup') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('ledger.rankings.top')}>
            <Select
              aria-label={t('ledger.rankings.top')}
              style={{ width: 100 }}
              value={top}
              onChange={setTop}
              options={TOP_CHOICES.map((n) => ({
                value: n,
                label: t('ledger.rankings.topN', { count: n }),
              }))}
            />
          </Form.Item>
        </Form>
        {figure === 'period' && (
          <Form layout="inline" style={{ marginTop: 12, rowGap: 12 }}>
            <Form.Item label={t('ledger.rankings.period')}>
              <Radio.Group
                value={choice}
                onChange={(event) => {
                  setChoice(event.target.value as PeriodChoice);
                }}
                options={[
                  { value: 'month', label: t('ledger.rankings.period.month') },
                  { value: 'year', label: t('ledger.rankings.period.year') },
                  { value: 'pick-month', label: t('ledger.rankings.period.pickMonth') },
                  { value: 'pick-year', label: t('ledger.rankings.period.pickYear') },
                ]}
              />
            </Form.Item>
            {choice === 'pick-month' && (
              <Form.Item label={t('ledger.rankings.period.pickMonth')}>
                <DatePicker
                  picker="month"
                  allowClear={false}
                  value={dayjs(`${month}-01`)}
                  onChange={(value: Dayjs | null) => {
                    if (value !== null) setMonth(value.format('YYYY-MM'));
                  }}
                />
              </Form.Item>
            )}
            {choice === 'pick-year' && (
              <Form.Item label={t('ledger.rankings.period.pickYear')}>
                <DatePicker
                  picker="year"
                  allowClear={false}
                  value={dayjs(`${year}-01-01`)}
                  onChange={(value: Dayjs | null) => {
                    if (value !== null) setYear(value.format('YYYY'));
                  }}
                />
              </Form.Item>
            )}
          </Form>
        )}
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {figure === 'honour'
            ? t('ledger.rankings.honourHelp', { date: ledger.today })
            : t('ledger.rankings.periodHelp', { from: period.from, to: period.to })}
        </Typography.Paragraph>
        {rows.length > top && (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('ledger.rankings.tiesShown', { top, count: rows.length })}
          </Typography.Paragraph>
        )}
      </Card>
      <Table<Ranked<RankingRow>>
        size="small"
        rowKey={(row) => row.item.key}
        data-testid="ranking-table"
        dataSource={[...rows]}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('ledger.rankings.empty') }}
        columns={[
          { title: t('ledger.rankings.column.rank'), key: 'rank', width: 80, dataIndex: 'rank' },
          {
            title:
              subject === 'resident'
                ? t('ledger.rankings.column.name')
                : t('ledger.rankings.column.head'),
            key: 'name',
            render: (_, row) =>
              row.item.residentId === '' ? (
                row.item.name
              ) : (
                <a href={residentHash(row.item.residentId)}>{row.item.name}</a>
              ),
          },
          {
            title: t('ledger.rankings.column.householdNo'),
            key: 'household',
            render: (_, row) => row.item.householdNo,
          },
          {
            title: t('ledger.rankings.column.group'),
            key: 'group',
            render: (_, row) => row.item.groupName,
          },
          { title: figureTitle, key: 'figure', dataIndex: 'figure', align: 'right' },
        ]}
      />
    </Flex>
  );
}

import { Button, DatePicker, Flex, Select } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { VillageRegister } from '../../residents/register-data.ts';
import {
  isFilteringQueue,
  NO_GROUP_FILTER,
  NO_QUEUE_FILTERS,
  recordersOf,
  ruleChoices,
  type EntryRow,
  type QueueFilters,
} from './review-queue.ts';
import { useEntryWords } from './review-words.ts';

interface ReviewFiltersProps {
  readonly filters: QueueFilters;
  readonly onChange: (filters: QueueFilters) => void;
  /** Every row of the list before filtering: the choices come from them. */
  readonly rows: readonly EntryRow[];
  readonly register: VillageRegister;
}

/** The queue's filters: rule or category, recorder, 村民小组, act dates, bonus/deduction, order. */
export function ReviewFilters({ filters, onChange, rows, register }: ReviewFiltersProps) {
  const { t } = useI18n();
  const words = useEntryWords();
  const choices = ruleChoices(rows);
  const ruleOptions = [
    { value: '', label: t('ledger.review.filter.ruleAll') },
    {
      label: t('ledger.review.filter.categories'),
      options: choices.categories.map((category) => ({
        value: `category:${category}`,
        label: category,
      })),
    },
    {
      label: t('ledger.review.filter.rules'),
      options: choices.rules.map((rule) => ({
        value: `rule:${rule.code}`,
        label: t('ledger.review.ruleWithCode', { name: rule.name, code: rule.code }),
      })),
    },
  ];
  const recorderOptions = [
    { value: '', label: t('ledger.review.filter.recorderAll') },
    ...recordersOf(rows).map((userId) => ({ value: userId, label: words.person(userId) })),
  ];
  const groupOptions = [
    { value: '', label: t('ledger.review.filter.groupAll') },
    ...register.groups.map((group) => ({ value: group.id, label: group.name })),
    { value: NO_GROUP_FILTER, label: t('ledger.review.filter.groupNone') },
  ];
  const directionOptions = [
    { value: '', label: t('ledger.review.filter.directionAll') },
    { value: 'bonus', label: t('ledger.review.filter.bonus') },
    { value: 'deduction', label: t('ledger.review.filter.deduction') },
  ];
  const orderOptions = [
    { value: 'oldest', label: t('ledger.review.filter.oldest') },
    { value: 'newest', label: t('ledger.review.filter.newest') },
  ];

  return (
    <Flex wrap gap={8} align="center">
      <Select
        aria-label={t('ledger.review.filter.rule')}
        style={{ width: 240 }}
        value={filters.rule}
        options={ruleOptions}
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(rule: string) => {
          onChange({ ...filters, rule });
        }}
      />
      <Select
        aria-label={t('ledger.review.filter.recorder')}
        style={{ width: 170 }}
        value={filters.recorder}
        options={recorderOptions}
        onChange={(recorder: string) => {
          onChange({ ...filters, recorder });
        }}
      />
      <Select
        aria-label={t('ledger.review.filter.group')}
        style={{ width: 150 }}
        value={filters.groupId}
        options={groupOptions}
        onChange={(groupId: string) => {
          onChange({ ...filters, groupId });
        }}
      />
      <DatePicker.RangePicker
        aria-label={t('ledger.review.filter.dates')}
        placeholder={[t('ledger.review.filter.from'), t('ledger.review.filter.to')]}
        allowEmpty={[true, true]}
        value={[
          filters.from === '' ? null : dayjs(filters.from),
          filters.to === '' ? null : dayjs(filters.to),
        ]}
        onChange={(range) => {
          onChange({
            ...filters,
            from: range?.[0]?.format('YYYY-MM-DD') ?? '',
            to: range?.[1]?.format('YYYY-MM-DD') ?? '',
          });
        }}
      />
      <Select
        aria-label={t('ledger.review.filter.direction')}
        style={{ width: 110 }}
        value={filters.direction}
        options={directionOptions}
        onChange={(direction: QueueFilters['direction']) => {
          onChange({ ...filters, direction });
        }}
      />
      <Select
        aria-label={t('ledger.review.filter.order')}
        style={{ width: 150 }}
        value={filters.order}
        options={orderOptions}
        onChange={(order: QueueFilters['order']) => {
          onChange({ ...filters, order });
        }}
      />
      {isFilteringQueue(filters) && (
        <Button
          onClick={() => {
            onChange({ ...NO_QUEUE_FILTERS, order: filters.order });
          }}
        >
          {t('ledger.review.filter.clear')}
        </Button>
      )}
    </Flex>
  );
}

import { Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type ReactNode } from 'react';
import type { RuleDefinition } from '../../../../../shared/collections/rule.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useRuleWords } from './rule-words.ts';

interface RuleTableProps {
  readonly rules: readonly RuleDefinition[];
  /** Shows the search box (code, name, category, indicator). */
  readonly searchable?: boolean;
  /** A mark beside a rule's code (the draft editor's 新增 / 已调整). */
  readonly markOf?: (rule: RuleDefinition) => ReactNode;
  /** An actions column (the draft editor). */
  readonly actions?: (rule: RuleDefinition) => ReactNode;
  readonly testId?: string;
}

function matches(rule: RuleDefinition, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') return true;
  return [rule.code, rule.nameZh, rule.nameEn, rule.category, rule.indicator].some((field) =>
    field.toLowerCase().includes(needle),
  );
}

/** A rule set's rules (积分细则): every attribute a village adopts, with a search. */
export function RuleTable({ rules, searchable, markOf, actions, testId }: RuleTableProps) {
  const { t } = useI18n();
  const words = useRuleWords();
  const [search, setSearch] = useState('');
  const shown = useMemo(() => rules.filter((rule) => matches(rule, search)), [rules, search]);

  const columns: ColumnsType<RuleDefinition> = [
    {
      title: t('ledger.rules.column.code'),
      key: 'code',
      width: 130,
      render: (_, rule) => (
        <Space size={4} wrap>
          <Typography.Text code>{rule.code}</Typography.Text>
          {markOf?.(rule)}
        </Space>
      ),
    },
    { title: t('ledger.rules.column.category'), key: 'category', dataIndex: 'category' },
    {
      title: t('ledger.rules.column.name'),
      key: 'name',
      render: (_, rule) => (
        <Space orientation="vertical" size={0}>
          <span>{words.name(rule)}</span>
          {rule.indicator.trim() !== '' && (
            <Typography.Text type="secondary">{rule.indicator}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('ledger.rules.column.direction'),
      key: 'direction',
      render: (_, rule) => (
        <Tag color={rule.direction === '+' ? 'green' : 'red'}>
          {words.direction(rule.direction)}
        </Tag>
      ),
    },
    {
      title: t('ledger.rules.column.points'),
      key: 'points',
      render: (_, rule) => words.points(rule),
    },
    {
      title: t('ledger.rules.column.subject'),
      key: 'subject',
      render: (_, rule) => words.subject(rule.subject),
    },
    { title: t('ledger.rules.column.cap'), key: 'cap', render: (_, rule) => words.cap(rule.cap) },
    {
      title: t('ledger.rules.column.validity'),
      key: 'validity',
      render: (_, rule) => words.validity(rule.validityMonths),
    },
    {
      title: t('ledger.rules.column.directRating'),
      key: 'directRating',
      render: (_, rule) =>
        rule.directRating === undefined ? (
          words.directRating(undefined)
        ) : (
          <Tag color="volcano">{words.directRating(rule.directRating)}</Tag>
        ),
    },
    {
      title: t('ledger.rules.column.notice'),
      key: 'notice',
      render: (_, rule) => words.notice(rule.noticeRequired),
    },
    {
      title: t('ledger.rules.column.visibility'),
      key: 'visibility',
      render: (_, rule) => words.visibility(rule.visibility),
    },
  ];
  if (actions !== undefined)
    columns.push({
      title: t('ledger.rules.column.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, rule) => actions(rule),
    });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {searchable === true && (
        <Input.Search
          allowClear
          aria-label={t('ledger.rules.search')}
          placeholder={t('ledger.rules.searchPlaceholder')}
          style={{ maxWidth: 360 }}
          onChange={(event) => {
            setSearch(event.target.value);
          }}
        />
      )}
      <Table<RuleDefinition>
        size="small"
        rowKey="code"
        data-testid={testId}
        dataSource={shown}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
        locale={{ emptyText: t('ledger.rules.noMatch') }}
      />
    </Space>
  );
}

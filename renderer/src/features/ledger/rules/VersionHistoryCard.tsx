import { Card, Table, Tag } from 'antd';
import type { RuleSetPolicy } from '../../../../../shared/collections/policies.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { MessageKey } from '../../../i18n/catalogue.ts';
import { useRuleWords } from './rule-words.ts';
import { RuleTable } from './RuleTable.tsx';

type VersionState = 'in-force' | 'upcoming' | 'superseded' | 'draft' | 'abandoned';

const STATE_WORDS: { readonly [S in VersionState]: MessageKey } = {
  'in-force': 'ledger.rules.state.in-force',
  upcoming: 'ledger.rules.state.upcoming',
  superseded: 'ledger.rules.state.superseded',
  draft: 'ledger.rules.state.draft',
  abandoned: 'ledger.rules.state.abandoned',
};

const STATE_COLOURS: { readonly [S in VersionState]: string } = {
  'in-force': 'green',
  upcoming: 'blue',
  superseded: 'default',
  draft: 'gold',
  abandoned: 'default',
};

function stateOf(set: RuleSetPolicy, inForceId: string | undefined, today: string): VersionState {
  if (set.id === inForceId) return 'in-force';
  if (set.status === 'draft') return 'draft';
  if (set.status === 'abandoned') return 'abandoned';
  if (set.status === 'adopted' && set.effectiveFrom > today) return 'upcoming';
  return 'superseded';
}

interface VersionHistoryCardProps {
  /** Newest first. */
  readonly ruleSets: readonly RuleSetPolicy[];
  readonly inForceId: string | undefined;
  readonly today: string;
}

/** 版本记录: every version with its fate and adoption; each opens to its rules. */
export function VersionHistoryCard({ ruleSets, inForceId, today }: VersionHistoryCardProps) {
  const { t } = useI18n();
  const words = useRuleWords();
  return (
    <Card title={t('ledger.rules.history.title')}>
      <Table<RuleSetPolicy>
        size="small"
        rowKey="id"
        data-testid="rule-set-versions"
        dataSource={[...ruleSets]}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (set) => <RuleTable rules={set.rules} searchable />,
        }}
        columns={[
          {
            title: t('ledger.rules.field.version'),
            key: 'version',
            render: (_, set) => words.version(set),
          },
          { title: t('ledger.rules.field.title'), key: 'title', dataIndex: 'title' },
          {
            title: t('ledger.rules.field.state'),
            key: 'state',
            render: (_, set) => {
              const state = stateOf(set, inForceId, today);
              return <Tag color={STATE_COLOURS[state]}>{t(STATE_WORDS[state])}</Tag>;
            },
          },
          { title: t('ledger.rules.field.effectiveFrom'), key: 'from', dataIndex: 'effectiveFrom' },
          {
            title: t('ledger.rules.field.meetingOn'),
            key: 'meetingOn',
            render: (_, set) => set.adoption?.meetingOn ?? '',
          },
          {
            title: t('ledger.rules.field.meetingRef'),
            key: 'meetingRef',
            render: (_, set) => set.adoption?.meetingRef ?? '',
          },
          {
            title: t('ledger.rules.field.ruleCount'),
            key: 'count',
            render: (_, set) => t('ledger.rules.ruleCount', { count: set.rules.length }),
          },
        ]}
      />
    </Card>
  );
}

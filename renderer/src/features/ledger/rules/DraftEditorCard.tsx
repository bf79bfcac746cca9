import { Alert, Button, Card, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { RuleSetPolicy } from '../../../../../shared/collections/policies.ts';
import type { RuleDefinition } from '../../../../../shared/collections/rule.ts';
import type { Result } from '../../../../../shared/errors.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { AdjustRuleModal } from './AdjustRuleModal.tsx';
import { AdoptVersionModal } from './AdoptVersionModal.tsx';
import { diffRules } from './rule-diff.ts';
import { useRuleWords } from './rule-words.ts';
import { RuleTable } from './RuleTable.tsx';
import type { RuleSetActions } from './useRuleSetActions.ts';
import { VillageItemModal } from './VillageItemModal.tsx';

type Editing =
  | { readonly kind: 'adjust'; readonly rule: RuleDefinition }
  | { readonly kind: 'item'; readonly rule?: RuleDefinition }
  | { readonly kind: 'adopt' };

interface DraftEditorCardProps {
  readonly draft: RuleSetPolicy;
  /** The adopted version the draft will replace. */
  readonly current: RuleSetPolicy | undefined;
  readonly library: readonly RuleDefinition[];
  readonly actions: RuleSetActions;
  /** The village administrator edits; everyone else reads. */
  readonly editable: boolean;
  readonly onAdopted: (set: RuleSetPolicy) => void;
}

/**
 * 修订草稿: the next version being prepared. The administrator adjusts points within each
 * template's range, drops rules, takes templates back from the library, adds or edits the
 * village's own items, and records the meeting that adopts it. Every change is checked by
 * the shared rule-set code and saved at once; nothing applies until the adoption.
 */
export function DraftEditorCard({
  draft,
  current,
  library,
  actions,
  editable,
  onAdopted,
}: DraftEditorCardProps) {
  const { t, describeError } = useI18n();
  const words = useRuleWords();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const templates = useMemo(() => new Map(library.map((rule) => [rule.code, rule])), [library]);
  const diff = useMemo(() => diffRules(current?.rules ?? [], draft.rules), [current, draft]);
  const missing = library.filter((template) => !draft.rules.some((r) => r.code === template.code));
  const categories = [...new Set([...draft.rules, ...library].map((rule) => rule.category))];

  const saveRules = (rules: readonly RuleDefinition[]): Promise<Result<unknown>> =>
    actions.editDraft(draft.id, { rules });
  const replace = (rule: RuleDefinition) =>
    saveRules(draft.rules.map((r) => (r.code === rule.code ? rule : r)));
  const run = async (work: Promise<Result<unknown>>) => {
    setFailure(null);
    const result = await work;
    if (!result.ok) setFailure(describeError(result.error));
  };
  const close = () => {
    setEditing(null);
  };

  const actionsOf = (rule: RuleDefinition) => {
    const own = rule.templateCode === undefined;
    return (
      <Space size={4}>
        <Button
          size="small"
          onClick={() => {
            setEditing(own ? { kind: 'item', rule } : { kind: 'adjust', rule });
          }}
        >
          {t(own ? 'ledger.rules.draft.edit' : 'ledger.rules.draft.adjust')}
        </Button>
        <Popconfirm
          title={t('ledger.rules.draft.dropConfirm', { code: rule.code })}
          okText={t('ledger.rules.draft.drop')}
          cancelText={t('ledger.rules.form.cancel')}
          onConfirm={() => {
            void run(saveRules(draft.rules.filter((r) => r.code !== rule.code)));
          }}
        >
          <Button size="small" danger>
            {t('ledger.rules.draft.drop')}
          </Button>
        </Popconfirm>
      </Space>
    );
  };

  const markOf = (rule: RuleDefinition) => {
    if (diff.added.has(rule.code)) return <Tag color="green">{t('ledger.rules.draft.added')}</Tag>;
    if (diff.changed.has(rule.code))
      return <Tag color="orange">{t('ledger.rules.draft.changed')}</Tag>;
    return null;
  };

  return (
    <Card
      title={t('ledger.rules.draft.title', { version: draft.setVersion })}
      data-testid="rule-set-draft"
      extra={
        editable ? (
          <Space wrap>
            <Button
              type="primary"
              onClick={() => {
                setEditing({ kind: 'adopt' });
              }}
            >
              {t('ledger.rules.draft.adopt')}
            </Button>
            <Popconfirm
              title={t('ledger.rules.draft.abandonConfirm')}
              okText={t('ledger.rules.draft.abandon')}
              cancelText={t('ledger.rules.form.cancel')}
              onConfirm={() => {
                void run(actions.abandonDraft(draft.id));
              }}
            >
              <Button>{t('ledger.rules.draft.abandon')}</Button>
            </Popconfirm>
          </Space>
        ) : null
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Alert
          type="info"
          showIcon
          title={t('ledger.rules.draft.notYet', {
            version: current === undefined ? '' : words.version(current),
          })}
        />
        <Space wrap>
          <Typography.Text>{t('ledger.rules.field.title')}</Typography.Text>
          <Typography.Text
            strong
            {...(editable
              ? {
                  editable: {
                    onChange: (title: string) => {
                      if (title.trim() !== '' && title !== draft.title)
                        void run(actions.editDraft(draft.id, { title: title.trim() }));
                    },
                  },
                }
              : {})}
          >
            {draft.title}
          </Typography.Text>
        </Space>
        <Typography.Text data-testid="draft-changes">
          {t('ledger.rules.draft.summary', {
            added: diff.added.size,
            changed: diff.changed.size,
            removed: diff.removed.length,
          })}
          {diff.removed.length > 0 &&
            t('ledger.rules.draft.removedList', {
              codes: diff.removed.map((rule) => rule.code).join(t('ledger.rules.listSeparator')),
            })}
        </Typography.Text>
        {failure !== null && (
          <Alert
            type="error"
            showIcon
            title={failure}
            closable={{
              onClose: () => {
                setFailure(null);
              },
            }}
          />
        )}
        {editable && (
          <Space wrap>
            <Button
              onClick={() => {
                setEditing({ kind: 'item' });
              }}
            >
              {t('ledger.rules.item.add')}
            </Button>
            <Select<string>
              aria-label={t('ledger.rules.draft.fromLibrary')}
              placeholder={t('ledger.rules.draft.fromLibrary')}
              style={{ minWidth: 280 }}
              disabled={missing.length === 0}
              value={null}
              showSearch={{ optionFilterProp: 'label' }}
              options={missing.map((template) => ({
                value: template.code,
                label: `${template.code} ${words.name(template)}`,
              }))}
              onChange={(code) => {
                const template = templates.get(code);
                if (template !== undefined) void run(saveRules([...draft.rules, template]));
              }}
            />
          </Space>
        )}
        <RuleTable
          rules={draft.rules}
          searchable
          markOf={markOf}
          testId="draft-rules"
          {...(editable ? { actions: actionsOf } : {})}
        />
      </Space>
      {editing?.kind === 'adjust' && (
        <AdjustRuleModal
          rule={editing.rule}
          template={
            editing.rule.templateCode === undefined
              ? undefined
              : templates.get(editing.rule.templateCode)
          }
          onSave={replace}
          onClose={close}
        />
      )}
      {editing?.kind === 'item' && (
        <VillageItemModal
          {...(editing.rule === undefined ? {} : { item: editing.rule })}
          categories={categories}
          onSave={(rule) =>
            editing.rule === undefined ? saveRules([...draft.rules, rule]) : replace(rule)
          }
          onClose={close}
        />
      )}
      {editing?.kind === 'adopt' && (
        <AdoptVersionModal
          draft={draft}
          current={current}
          actions={actions}
          onClose={close}
          onAdopted={(set) => {
            close();
            onAdopted(set);
          }}
        />
      )}
    </Card>
  );
}

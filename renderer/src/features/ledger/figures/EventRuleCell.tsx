import { Space, Typography } from 'antd';
import type { EventKind } from '../../../../../shared/collections/events.ts';
import type { RuleSnapshot } from '../../../../../shared/collections/rule.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useRuleWords } from '../rules/rule-words.ts';
import { useFigureWords } from './figure-words.ts';

/** An entry's rule (name and code) and kind; a reversal names the rule it undoes. */
export function EventRuleCell({
  kind,
  rule,
}: {
  readonly kind: EventKind;
  readonly rule: RuleSnapshot | undefined;
}) {
  const { t } = useI18n();
  const ruleWords = useRuleWords();
  const words = useFigureWords();
  if (rule === undefined) return <span>{words.kind(kind)}</span>;
  const name = ruleWords.name(rule);
  return (
    <Space size={4} wrap>
      <span>{kind === 'reversal' ? t('ledger.figures.reversalOf', { rule: name }) : name}</span>
      <Typography.Text type="secondary" code>
        {rule.code}
      </Typography.Text>
    </Space>
  );
}

import { useMemo } from 'react';
import type { RuleDefinition } from '../../../../../shared/collections/rule.ts';
import type { SubjectType } from '../../../../../shared/collections/schema.ts';
import { pointsRange } from '../../../../../shared/ledger/rule-sets.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { VillageLedger } from '../village-ledger.ts';
import { rulesFor } from './record-entries.ts';

function signed(points: number): string {
  return points > 0 ? `+${String(points)}` : String(points);
}

/** The rule choices for a subject kind on the act's date, searchable by code and name. */
export function useRuleOptions(ledger: VillageLedger, date: string, type: SubjectType) {
  const { t } = useI18n();
  return useMemo(() => {
    const ruleSet = ledger.ruleSetOn(date);
    const rules: readonly RuleDefinition[] = ruleSet === undefined ? [] : rulesFor(ruleSet, type);
    const options = rules.map((rule) => {
      const range = pointsRange(rule);
      const points =
        rule.points === undefined
          ? t('ledger.record.rangePoints', { min: signed(range.min), max: signed(range.max) })
          : signed(rule.points);
      return {
        value: rule.code,
        label: t('ledger.record.ruleOption', { code: rule.code, name: rule.nameZh, points }),
      };
    });
    return { rules, options, byCode: new Map(rules.map((rule) => [rule.code, rule])) };
  }, [ledger, date, type, t]);
}

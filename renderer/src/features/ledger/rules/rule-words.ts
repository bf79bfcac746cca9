/**
 * How a rule reads on screen (积分细则 tables, the draft editor, the resident's history):
 * its name in the user's language, its points, cap, validity and the rest, in words a
 * village clerk uses. Shared by the rules, figures and rankings screens.
 */
import { useMemo } from 'react';
import type { RuleSetPolicy } from '../../../../../shared/collections/policies.ts';
import type {
  CapPeriod,
  RuleCap,
  RuleDefinition,
  RuleSnapshot,
} from '../../../../../shared/collections/rule.ts';
import { pointsRange } from '../../../../../shared/ledger/rule-sets.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { MessageKey } from '../../../i18n/catalogue.ts';

/** '+2', '-5', '0'. */
export function signed(points: number): string {
  return points > 0 ? `+${String(points)}` : String(points);
}

const CAP_PERIOD: { readonly [P in CapPeriod]: MessageKey } = {
  event: 'ledger.rules.cap.event',
  month: 'ledger.rules.cap.month',
  'two-months': 'ledger.rules.cap.two-months',
  quarter: 'ledger.rules.cap.quarter',
  'half-year': 'ledger.rules.cap.half-year',
  year: 'ledger.rules.cap.year',
  lifetime: 'ledger.rules.cap.lifetime',
};

export const CAP_PERIODS: readonly CapPeriod[] = [
  'event',
  'month',
  'two-months',
  'quarter',
  'half-year',
  'year',
  'lifetime',
];

export function useRuleWords() {
  const { t, language } = useI18n();
  return useMemo(() => {
    const capPeriod = (per: CapPeriod) => t(CAP_PERIOD[per]);
    const cap = (value: RuleCap | undefined): string => {
      if (value === undefined) return t('ledger.rules.cap.none');
      const parts: string[] = [];
      if (value.times !== undefined)
        parts.push(
          t('ledger.rules.cap.times', { period: capPeriod(value.per), times: value.times }),
        );
      if (value.points !== undefined)
        parts.push(
          t('ledger.rules.cap.points', { period: capPeriod(value.per), points: value.points }),
        );
      return parts.join(t('ledger.rules.listSeparator'));
    };
    return {
      name: (rule: Pick<RuleDefinition | RuleSnapshot, 'nameZh' | 'nameEn'>): string =>
        language === 'en' && rule.nameEn.trim() !== '' ? rule.nameEn : rule.nameZh,
      points: (rule: Pick<RuleDefinition, 'points' | 'pointsMin' | 'pointsMax'>): string => {
        if (rule.points !== undefined) return signed(rule.points);
        const range = pointsRange(rule);
        return t('ledger.rules.pointsRange', { min: signed(range.min), max: signed(range.max) });
      },
      direction: (direction: '+' | '-') =>
        t(direction === '+' ? 'ledger.rules.direction.plus' : 'ledger.rules.direction.minus'),
      subject: (subject: 'person' | 'household') =>
        t(subject === 'person' ? 'ledger.rules.subject.person' : 'ledger.rules.subject.household'),
      capPeriod,
      cap,
      validity: (months: number) => t('ledger.rules.validityMonths', { months }),
      directRating: (tier: string | undefined) =>
        tier === undefined ? t('ledger.rules.none') : t('ledger.rules.directRatingTier', { tier }),
      notice: (required: boolean) =>
        t(required ? 'ledger.rules.notice.required' : 'ledger.rules.notice.notRequired'),
      visibility: (visibility: 'named' | 'anonymised') =>
        t(
          visibility === 'named'
            ? 'ledger.rules.visibility.named'
            : 'ledger.rules.visibility.anonymised',
        ),
      version: (set: Pick<RuleSetPolicy, 'setVersion'>) =>
        t('ledger.rules.versionNo', { version: set.setVersion }),
    };
  }, [t, language]);
}

export type RuleWords = ReturnType<typeof useRuleWords>;

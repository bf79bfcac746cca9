/**
 * Small pieces the register forms share: the words of a field problem, date fields that
 * hold 'YYYY-MM-DD' strings (the stored form) behind antd's date picker, and the choices
 * of relation, gender and status in the user's language.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo } from 'react';
import { RELATIONS, type Relation } from '../../../../shared/collections/households.ts';
import type { ResidentStatus } from '../../../../shared/collections/residents.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import type { FieldProblem } from './resident-values.ts';

/** The text of a field problem: an error code's message, or a form message. */
export function useProblemText(): (problem: FieldProblem) => string {
  const { t, describeError } = useI18n();
  return useCallback(
    (problem: FieldProblem) =>
      'error' in problem ? describeError(problem.error) : t(problem.message, problem.params),
    [t, describeError],
  );
}

/** Form.Item props for a DatePicker whose form value is 'YYYY-MM-DD' ('' when empty). */
export const DATE_ITEM = {
  getValueProps: (value: unknown) => ({
    value: typeof value === 'string' && value !== '' ? dayjs(value) : null,
  }),
  normalize: (value: Dayjs | null | undefined) =>
    value === null || value === undefined ? '' : value.format('YYYY-MM-DD'),
};

export const STATUSES: readonly ResidentStatus[] = ['registered', 'moved-out', 'deceased'];

export function useChoices() {
  const { t } = useI18n();
  return useMemo(
    () => ({
      relations: RELATIONS.map((relation) => ({
        value: relation,
        label: t(`register.relation.${relation}`),
      })),
      /** Every relation but head: for members joining a household that has one. */
      memberRelations: RELATIONS.filter((relation) => relation !== 'head').map((relation) => ({
        value: relation,
        label: t(`register.relation.${relation}`),
      })),
      genders: [
        { value: 'male', label: t('register.gender.male') },
        { value: 'female', label: t('register.gender.female') },
      ],
      statuses: STATUSES.map((status) => ({
        value: status,
        label: t(`register.status.${status}`),
      })),
      relation: (relation: Relation | undefined) =>
        relation === undefined ? '' : t(`register.relation.${relation}`),
      status: (status: ResidentStatus) => t(`register.status.${status}`),
    }),
    [t],
  );
}

/** Suggestions for household tags (free text is accepted too). */
export const HOUSEHOLD_TAG_SUGGESTIONS = ['低保户', '五保户', '军属', '党员户', '脱贫监测户'];
/** Suggestions for person tags. */
export const RESIDENT_TAG_SUGGESTIONS = ['党员', '志愿者', '退役军人', '残疾人'];

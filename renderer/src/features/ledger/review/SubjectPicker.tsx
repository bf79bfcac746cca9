import { Select } from 'antd';
import { useMemo, useState } from 'react';
import type { SubjectType } from '../../../../../shared/collections/schema.ts';
import { searchRegister } from '../../../../../shared/residents/search-register.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { VillageRegister } from '../../residents/register-data.ts';

export interface PickedSubject {
  readonly type: SubjectType;
  readonly id: string;
}

interface SubjectPickerProps {
  readonly register: VillageRegister;
  /** Given by the form (Form.Item) or by the screen. */
  readonly value?: PickedSubject | null;
  readonly onChange?: (subject: PickedSubject | null) => void;
  /** Offer households (户) beside residents. */
  readonly households?: boolean;
  readonly id?: string;
  readonly ariaLabel?: string;
}

type SubjectOption =
  | { readonly value: string; readonly label: string }
  | {
      readonly label: string;
      readonly options: readonly { readonly value: string; readonly label: string }[];
    };

function valueOf(subject: PickedSubject): string {
  return `${subject.type}:${subject.id}`;
}

function subjectOf(value: string): PickedSubject | null {
  const at = value.indexOf(':');
  const type = value.slice(0, at);
  if (type !== 'resident' && type !== 'household') return null;
  return { type, id: value.slice(at + 1) };
}

/** Residents the typed text finds by the register search, at most (more than anyone scrolls). */
const FOUND_LIMIT = 1000;

/**
 * Picks a resident (name, with the household number) or a household (number and head) by
 * typing. Typed text finds what its label contains, and residents as the register's search
 * box finds them (pinyin initials, ID ending, household number: search-register.ts).
 */
export function SubjectPicker({
  register,
  value,
  onChange,
  households = false,
  id,
  ariaLabel,
}: SubjectPickerProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const found = useMemo(
    () =>
      new Set(
        searchRegister(register, text, FOUND_LIMIT).map((resident) =>
          valueOf({ type: 'resident', id: resident.id }),
        ),
      ),
    [register, text],
  );
  const options = useMemo((): SubjectOption[] => {
    const residents = register.residents.map((resident) => {
      const household = register.householdById.get(resident.householdId);
      return {
        value: valueOf({ type: 'resident', id: resident.id }),
        label:
          household === undefined
            ? resident.name
            : t('ledger.review.pick.residentOption', {
                name: resident.name,
                number: household.householdNo,
              }),
      };
    });
    if (!households) return residents;
    return [
      { label: t('ledger.review.pick.residents'), options: residents },
      {
        label: t('ledger.review.pick.households'),
        options: register.households.map((household) => ({
          value: valueOf({ type: 'household', id: household.id }),
          label: t('ledger.review.pick.householdOption', {
            number: household.householdNo,
            head: register.residentById.get(household.headResidentId)?.name ?? '',
          }),
        })),
      },
    ];
  }, [register, households, t]);
  return (
    <Select
      {...(id === undefined ? {} : { id })}
      {...(ariaLabel === undefined ? {} : { 'aria-label': ariaLabel })}
      showSearch={{
        onSearch: setText,
        filterOption: (input, option) =>
          option !== undefined &&
          'value' in option &&
          (option.label.toLowerCase().includes(input.trim().toLowerCase()) ||
            found.has(option.value)),
      }}
      allowClear
      placeholder={t('ledger.review.pick.placeholder')}
      options={options}
      value={value === null || value === undefined ? null : valueOf(value)}
      onChange={(next: string | undefined) => {
        onChange?.(next === undefined ? null : subjectOf(next));
      }}
      style={{ width: '100%', maxWidth: 420 }}
      virtual
    />
  );
}

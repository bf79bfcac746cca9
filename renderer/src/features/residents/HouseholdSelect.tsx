import { Select } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useRegister } from './RegisterContext.ts';
import { householdLabelParts } from './register-data.ts';

interface HouseholdSelectProps {
  readonly value?: string;
  readonly onChange?: (householdId: string) => void;
  /** Households not offered (the one the person is in now). */
  readonly exclude?: readonly string[];
  readonly id?: string;
}

/** Picks an active household of the village by number, house number or head's name. */
export function HouseholdSelect({ value, onChange, exclude = [], id }: HouseholdSelectProps) {
  const { t } = useI18n();
  const { register } = useRegister();
  const options = useMemo(
    () =>
      register.households
        .filter((household) => household.status === 'active' && !exclude.includes(household.id))
        .map((household) => ({
          value: household.id,
          label: t('register.ops.householdOption', householdLabelParts(household, register)),
        })),
    [register, exclude, t],
  );
  return (
    <Select
      {...(id === undefined ? {} : { id })}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('register.ops.householdPickPlaceholder')}
      options={options}
      value={value ?? null}
      onChange={(householdId: string) => onChange?.(householdId)}
      virtual
    />
  );
}

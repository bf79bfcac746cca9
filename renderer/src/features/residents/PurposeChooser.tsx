import { Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';

const PRESETS = ['routine', 'verify', 'business', 'request'] as const;

interface PurposeChooserProps {
  /** The purpose given last time, chosen again if it is one of the presets (or typed). */
  readonly initial: string;
  /** The purpose as it will be logged: a preset's words or what was typed ('' if none). */
  readonly onChange: (purpose: string) => void;
}

/** 查阅目的: a few usual purposes, or one written out. */
export function PurposeChooser({ initial, onChange }: PurposeChooserProps) {
  const { t } = useI18n();
  const words = PRESETS.map((preset) => t(`register.file.purpose.${preset}`));
  const preset = words.indexOf(initial);
  const [choice, setChoice] = useState<number>(preset >= 0 ? preset : initial === '' ? 0 : -1);
  const [other, setOther] = useState(preset >= 0 ? '' : initial);

  return (
    <Radio.Group
      value={choice}
      onChange={(event) => {
        const value = event.target.value as number;
        setChoice(value);
        onChange(value >= 0 ? (words[value] ?? '') : other.trim());
      }}
    >
      <Space orientation="vertical">
        {words.map((word, index) => (
          <Radio key={word} value={index}>
            {word}
          </Radio>
        ))}
        <Radio value={-1}>
          <Space>
            {t('register.file.purpose.other')}
            <Input
              aria-label={t('register.file.purpose.otherPlaceholder')}
              placeholder={t('register.file.purpose.otherPlaceholder')}
              maxLength={200}
              value={other}
              onFocus={() => {
                setChoice(-1);
                onChange(other.trim());
              }}
              onChange={(event) => {
                setOther(event.target.value);
                setChoice(-1);
                onChange(event.target.value.trim());
              }}
            />
          </Space>
        </Radio>
      </Space>
    </Radio.Group>
  );
}

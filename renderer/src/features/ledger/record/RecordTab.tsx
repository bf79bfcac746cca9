import { Button, Flex, message, Result, Segmented } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { ledgerHash } from '../useLedgerRoute.ts';
import { BatchEntryForm } from './BatchEntryForm.tsx';
import { MyRecentEntries } from './MyRecentEntries.tsx';
import { SingleEntryForm } from './SingleEntryForm.tsx';

type Mode = 'single' | 'batch';

/** 录入: single and batch entries under the rule set in force, and the user's recent ones. */
export function RecordTab() {
  const { t } = useI18n();
  const { ledger } = useLedgerScreen();
  const [mode, setMode] = useState<Mode>('single');
  const [notice, noticeHolder] = message.useMessage();
  const done = (text: string) => {
    void notice.success(text);
  };

  if (ledger.ruleSets.every((set) => set.status !== 'adopted'))
    return (
      <Result
        status="info"
        title={t('ledger.record.noRuleSet.title')}
        subTitle={t('ledger.record.noRuleSet.body')}
        extra={
          <Button type="primary" href={ledgerHash('rules')}>
            {t('ledger.record.noRuleSet.link')}
          </Button>
        }
      />
    );

  return (
    <Flex vertical gap={16}>
      {noticeHolder}
      <Segmented<Mode>
        aria-label={t('ledger.record.mode')}
        value={mode}
        onChange={setMode}
        options={[
          { value: 'single', label: t('ledger.record.mode.single') },
          { value: 'batch', label: t('ledger.record.mode.batch') },
        ]}
      />
      {mode === 'single' ? <SingleEntryForm onSaved={done} /> : <BatchEntryForm onSaved={done} />}
      <MyRecentEntries onDone={done} />
    </Flex>
  );
}

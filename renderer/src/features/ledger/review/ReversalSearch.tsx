import { Alert, Flex } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { EntryTable } from './EntryTable.tsx';
import { byRecording, entryRow, type EntryRow } from './review-queue.ts';
import { useEntryWords } from './review-words.ts';
import { ReverseEntryButton } from './ReverseEntryButton.tsx';
import { SubjectPicker, type PickedSubject } from './SubjectPicker.tsx';

/**
 * 冲正: find a resident's or household's entries and correct an effective one. The
 * reversal is submitted for review and listed here beside the entry it undoes.
 */
export function ReversalSearch() {
  const { t } = useI18n();
  const { scope, register, ledger } = useLedgerScreen();
  const words = useEntryWords();
  const pickerId = useId();
  const [subject, setSubject] = useState<PickedSubject | null>(null);
  const rows = useMemo(() => {
    if (subject === null) return [];
    const reviewer = { userId: scope.userId, householdIds: [] };
    const events = ledger.figures.ledger(subject.type, subject.id).events.values();
    return [...events]
      .filter(
        (event) =>
          event.kind === 'accrual' || event.kind === 'deduction' || event.kind === 'reversal',
      )
      .map((event) => entryRow(event, ledger, register, reviewer))
      .sort(byRecording('newest'));
  }, [subject, ledger, register, scope.userId]);

  const reverseButton = (row: EntryRow) => (
    <ReverseEntryButton
      event={row.event}
      subjectName={words.subject(row.subjectType, row.subjectName)}
    />
  );

  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={t('ledger.review.reverse.help')} />
      <Flex vertical gap={4}>
        <label htmlFor={pickerId}>{t('ledger.review.reverse.find')}</label>
        <SubjectPicker
          id={pickerId}
          register={register}
          value={subject}
          onChange={setSubject}
          households
        />
      </Flex>
      {subject !== null && (
        <EntryTable
          rows={rows}
          ledger={ledger}
          testId="reversal-entries"
          showState
          actions={reverseButton}
        />
      )}
    </Flex>
  );
}

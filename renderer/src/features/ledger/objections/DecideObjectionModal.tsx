import { Alert, Descriptions, Flex, Input, Modal, Radio, Typography } from 'antd';
import { useId, useState } from 'react';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { VillageLedger } from '../village-ledger.ts';
import { EventStatusTag } from '../review/EventStatusTag.tsx';
import { useEntryWords } from '../review/review-words.ts';
import type { ObjectionRow } from './objection-data.ts';
import { useObjectionActions } from './useObjectionActions.ts';

interface DecideObjectionModalProps {
  readonly row: ObjectionRow;
  readonly ledger: VillageLedger;
  readonly onClose: () => void;
  readonly onDone: (outcome: 'upheld' | 'dismissed') => void;
}

type Outcome = 'upheld' | 'dismissed';

/**
 * 处理决定: upheld (成立) undoes the entry — a reversal event if it took effect, annulment
 * otherwise — or dismissed (不成立) lets it continue; the reason is required and kept.
 */
export function DecideObjectionModal({ row, ledger, onClose, onDone }: DecideObjectionModalProps) {
  const { t, describeError } = useI18n();
  const words = useEntryWords();
  const actions = useObjectionActions();
  const outcomeId = useId();
  const noteId = useId();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const target = row.target;

  const submit = async () => {
    if (outcome === null) {
      setProblem(t('ledger.objections.decide.outcomeRequired'));
      return;
    }
    if (note.trim() === '') {
      setProblem(t('ledger.objections.decide.reasonRequired'));
      return;
    }
    setProblem(null);
    setWorking(true);
    const result = await actions.decide(row.objection.id, outcome, note);
    setWorking(false);
    if (!result.ok) {
      setProblem(t('ledger.objections.failed', { message: describeError(result.error) }));
      return;
    }
    onDone(outcome);
  };

  const effect =
    outcome === null || target === undefined
      ? null
      : outcome === 'dismissed'
        ? t('ledger.objections.decide.effect.dismissed')
        : target.status === 'effective'
          ? t('ledger.objections.decide.effect.reversal', { points: words.points(-target.points) })
          : t('ledger.objections.decide.effect.annul');

  return (
    <Modal
      open
      width={620}
      title={t('ledger.objections.decide.title')}
      okText={t('ledger.objections.decide.submit')}
      cancelText={t('ledger.review.cancel')}
      confirmLoading={working}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Flex vertical gap={12}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('ledger.objections.column.subject')}>
            {words.subject(row.subjectType, row.subjectName)}
          </Descriptions.Item>
          {target !== undefined && (
            <Descriptions.Item label={t('ledger.objections.column.entry')}>
              <Flex gap={8} wrap align="center">
                <span>
                  {t('ledger.objections.entrySummary', {
                    date: target.occurredOn,
                    rule:
                      target.kind === 'accrual' || target.kind === 'deduction'
                        ? target.rule.nameZh
                        : t('ledger.objections.unknownRule'),
                    points: words.points(target.points),
                  })}
                </span>
                <EventStatusTag event={target} ledger={ledger} />
              </Flex>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('ledger.objections.column.reason')}>
            {row.objection.reason}
          </Descriptions.Item>
          <Descriptions.Item label={t('ledger.objections.column.dueOn')}>
            {row.objection.dueOn}
          </Descriptions.Item>
        </Descriptions>
        <span id={outcomeId}>{t('ledger.objections.decide.outcome')}</span>
        <Radio.Group
          aria-labelledby={outcomeId}
          value={outcome}
          onChange={(change) => {
            setOutcome(change.target.value as Outcome);
          }}
          options={[
            { value: 'upheld', label: t('ledger.objections.decide.upheld') },
            { value: 'dismissed', label: t('ledger.objections.decide.dismissed') },
          ]}
        />
        {effect !== null && <Typography.Text type="secondary">{effect}</Typography.Text>}
        <label htmlFor={noteId}>{t('ledger.objections.decide.reason')}</label>
        <Input.TextArea
          id={noteId}
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(change) => {
            setNote(change.target.value);
          }}
        />
        {problem !== null && <Alert type="error" showIcon title={problem} />}
      </Flex>
    </Modal>
  );
}

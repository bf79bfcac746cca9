import { Alert, Descriptions, Flex, Input, Modal, Typography } from 'antd';
import { useId, useState } from 'react';
import type { RuleEvent } from '../../../../../shared/collections/events.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { VillageLedger } from '../village-ledger.ts';
import { EventStatusTag } from './EventStatusTag.tsx';
import { useEntryWords } from './review-words.ts';
import { useReviewActions } from './useReviewActions.ts';

interface ReverseEntryModalProps {
  readonly event: RuleEvent;
  readonly subjectName: string;
  readonly ledger: VillageLedger;
  readonly onClose: () => void;
  readonly onDone: (reversalId: string) => void;
}

/**
 * 冲正: the effective entry is not edited; a reversal event with the reason is submitted
 * for review like any entry, and both stay in the history.
 */
export function ReverseEntryModal({
  event,
  subjectName,
  ledger,
  onClose,
  onDone,
}: ReverseEntryModalProps) {
  const { t, describeError } = useI18n();
  const words = useEntryWords();
  const actions = useReviewActions();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const submit = async () => {
    if (reason.trim() === '') {
      setProblem(t('ledger.review.reverse.reasonRequired'));
      return;
    }
    setProblem(null);
    setWorking(true);
    const result = await actions.reverse(event.id, reason);
    setWorking(false);
    if (!result.ok) {
      setProblem(t('ledger.review.failed', { message: describeError(result.error) }));
      return;
    }
    onDone(result.value);
  };

  return (
    <Modal
      open
      title={t('ledger.review.reverse.title')}
      okText={t('ledger.review.reverse.submit')}
      cancelText={t('ledger.review.cancel')}
      okButtonProps={{ danger: true }}
      confirmLoading={working}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Flex vertical gap={12}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('ledger.review.column.subject')}>
            {subjectName}
          </Descriptions.Item>
          <Descriptions.Item label={t('ledger.review.column.rule')}>
            {t('ledger.review.ruleWithCode', { name: event.rule.nameZh, code: event.rule.code })}
          </Descriptions.Item>
          <Descriptions.Item label={t('ledger.review.column.points')}>
            {words.points(event.points)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ledger.review.column.occurredOn')}>
            {event.occurredOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('ledger.review.column.state')}>
            <EventStatusTag event={event} ledger={ledger} />
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">
          {t('ledger.review.reverse.explain', { points: words.points(-event.points) })}
        </Typography.Text>
        <label htmlFor={reasonId}>{t('ledger.review.reverse.reason')}</label>
        <Input.TextArea
          id={reasonId}
          autoFocus
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(change) => {
            setReason(change.target.value);
          }}
        />
        {problem !== null && <Alert type="error" showIcon title={problem} />}
      </Flex>
    </Modal>
  );
}

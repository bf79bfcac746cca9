import { Alert, Flex, Input, Modal, Typography } from 'antd';
import { useId, useState } from 'react';
import type { ReviewDecision } from '../../../../../shared/ledger/review.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';

interface ReviewDecisionModalProps {
  readonly decision: ReviewDecision;
  /** What is being reviewed, one line each (at most a few are listed). */
  readonly items: readonly string[];
  readonly onCancel: () => void;
  /** Runs the review; resolves to a failure to show, or null when done. */
  readonly onConfirm: (note: string) => Promise<string | null>;
}

const LISTED = 5;

/**
 * The confirmation of a review decision, with the reviewer's note (审核意见): optional to
 * approve, required to return or reject. Approving focuses the confirm button, so the
 * keyboard shortcut is followed by Enter; returning or rejecting focuses the note.
 */
export function ReviewDecisionModal({
  decision,
  items,
  onCancel,
  onConfirm,
}: ReviewDecisionModalProps) {
  const { t } = useI18n();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const needsNote = decision !== 'approved';

  const confirm = async () => {
    if (needsNote && note.trim() === '') {
      setProblem(t('ledger.review.noteRequired'));
      return;
    }
    setProblem(null);
    setWorking(true);
    const failure = await onConfirm(note);
    setWorking(false);
    if (failure !== null) setProblem(failure);
  };

  return (
    <Modal
      open
      title={t(`ledger.review.decide.title.${decision}`, { count: items.length })}
      okText={t(`ledger.review.decide.confirm.${decision}`)}
      cancelText={t('ledger.review.cancel')}
      okButtonProps={{ danger: decision === 'rejected', autoFocus: !needsNote }}
      confirmLoading={working}
      mask={{ closable: false }}
      onOk={() => void confirm()}
      onCancel={onCancel}
    >
      <Flex vertical gap={12}>
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="review-items">
          {items.slice(0, LISTED).map((item, index) => (
            <li key={index}>{item}</li>
          ))}
          {items.length > LISTED && (
            <li>{t('ledger.review.decide.more', { count: items.length - LISTED })}</li>
          )}
        </ul>
        <Typography.Text type="secondary">
          {t(`ledger.review.decide.effect.${decision}`)}
        </Typography.Text>
        <label htmlFor={noteId}>
          {needsNote ? t('ledger.review.noteLabelRequired') : t('ledger.review.noteLabel')}
        </label>
        <Input.TextArea
          id={noteId}
          autoFocus={needsNote}
          rows={3}
          maxLength={500}
          value={note}
          onChange={(event) => {
            setNote(event.target.value);
          }}
        />
        {problem !== null && <Alert type="error" showIcon title={problem} />}
      </Flex>
    </Modal>
  );
}

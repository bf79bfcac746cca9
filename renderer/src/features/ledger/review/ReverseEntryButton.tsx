import { RollbackOutlined } from '@ant-design/icons';
import { Button, message, Tooltip } from 'antd';
import { useContext, useState } from 'react';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import { SessionContext } from '../../../auth/session.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { MessageKey } from '../../../i18n/catalogue.ts';
import { useVillageLedger } from '../VillageLedgerContext.ts';
import { eventStateOf, type EventState } from './event-status.ts';
import { ReverseEntryModal } from './ReverseEntryModal.tsx';

interface ReverseEntryButtonProps {
  /** The entry to correct; the button shows only for 加分 / 扣分 entries that took effect. */
  readonly event: EventDoc;
  /** Who it is about, as shown (a resident's name, 「001户」). */
  readonly subjectName: string;
  readonly size?: 'small' | 'middle';
  /** After the reversal was submitted, with its id. */
  readonly onDone?: (reversalId: string) => void;
}

const BLOCKED: Partial<Record<EventState, MessageKey>> = {
  'under-objection': 'ledger.review.reverse.blocked.held',
  reversing: 'ledger.review.reverse.blocked.reversing',
  reversed: 'ledger.review.reverse.blocked.reversed',
};

const REVERSIBLE: ReadonlySet<EventState> = new Set(['effective', 'pending-effect', 'expired']);

/**
 * 冲正 of one effective entry, for any list of entries — the review tab's search and the
 * resident file's history alike (it needs only the village session and its ledger). Renders
 * nothing for entries that cannot be corrected this way (not effective, system events);
 * disabled, with the reason, while an objection holds the entry or a reversal exists.
 */
export function ReverseEntryButton({
  event,
  subjectName,
  size = 'small',
  onDone,
}: ReverseEntryButtonProps) {
  const { t } = useI18n();
  const session = useContext(SessionContext);
  const state = useVillageLedger();
  const [open, setOpen] = useState(false);
  const [notice, noticeHolder] = message.useMessage();
  if (state.status !== 'ready' || session === null || session.principal.villageCode === null)
    return null;
  if (event.kind !== 'accrual' && event.kind !== 'deduction') return null;
  const ledger = state.ledger;
  const entryState = eventStateOf(event, ledger);
  const blocked = BLOCKED[entryState];
  if (blocked === undefined && !REVERSIBLE.has(entryState)) return null;
  const label = t('ledger.review.reverse.buttonLabel', {
    subject: subjectName,
    rule: event.rule.nameZh,
    date: event.occurredOn,
  });
  const button = (
    <Button
      size={size}
      danger
      icon={<RollbackOutlined />}
      autoInsertSpace={false}
      aria-label={label}
      disabled={blocked !== undefined}
      onClick={() => {
        setOpen(true);
      }}
    >
      {t('ledger.review.reverse.button')}
    </Button>
  );
  return (
    <>
      {noticeHolder}
      {blocked === undefined ? button : <Tooltip title={t(blocked)}>{button}</Tooltip>}
      {open && (
        <ReverseEntryModal
          event={event}
          subjectName={subjectName}
          ledger={ledger}
          onClose={() => {
            setOpen(false);
          }}
          onDone={(reversalId) => {
            setOpen(false);
            void notice.success(t('ledger.review.reverse.done'));
            onDone?.(reversalId);
          }}
        />
      )}
    </>
  );
}

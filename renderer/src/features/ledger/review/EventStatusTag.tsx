import { Tag } from 'antd';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { VillageLedger } from '../village-ledger.ts';
import { eventStateOf } from './event-status.ts';
import { STATE_COLOURS, useEventStatusWords } from './event-status-words.ts';

interface EventStatusTagProps {
  readonly event: EventDoc;
  /** The village's ledger (useLedgerScreen().ledger, or useVillageLedger() when ready). */
  readonly ledger: VillageLedger;
}

/**
 * An entry's state as a tag, for every list that shows entries: the workflow status, or
 * 异议处理中 while an open objection holds it, 已冲正 / 冲正审核中, 已过期, 待公示 ….
 */
export function EventStatusTag({ event, ledger }: EventStatusTagProps) {
  const words = useEventStatusWords();
  const state = eventStateOf(event, ledger);
  return (
    <Tag color={STATE_COLOURS[state]} data-state={state}>
      {words.state(state)}
    </Tag>
  );
}

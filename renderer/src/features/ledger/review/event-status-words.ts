import { useMemo } from 'react';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { MessageKey } from '../../../i18n/catalogue.ts';
import type { VillageLedger } from '../village-ledger.ts';
import { eventStateOf, type EventState } from './event-status.ts';

const STATE_WORDS: { readonly [S in EventState]: MessageKey } = {
  submitted: 'ledger.review.state.submitted',
  'awaiting-notice': 'ledger.review.state.awaiting-notice',
  'awaiting-confirmation': 'ledger.review.state.awaiting-confirmation',
  approved: 'ledger.review.state.approved',
  returned: 'ledger.review.state.returned',
  rejected: 'ledger.review.state.rejected',
  withdrawn: 'ledger.review.state.withdrawn',
  'in-notice': 'ledger.review.state.in-notice',
  confirmed: 'ledger.review.state.confirmed',
  effective: 'ledger.review.state.effective',
  'pending-effect': 'ledger.review.state.pending-effect',
  expired: 'ledger.review.state.expired',
  annulled: 'ledger.review.state.annulled',
  'under-objection': 'ledger.review.state.under-objection',
  reversed: 'ledger.review.state.reversed',
  reversing: 'ledger.review.state.reversing',
};

export const STATE_COLOURS: { readonly [S in EventState]: string } = {
  submitted: 'blue',
  'awaiting-notice': 'geekblue',
  'awaiting-confirmation': 'purple',
  approved: 'geekblue',
  returned: 'orange',
  rejected: 'red',
  withdrawn: 'default',
  'in-notice': 'cyan',
  confirmed: 'geekblue',
  effective: 'green',
  'pending-effect': 'cyan',
  expired: 'default',
  annulled: 'default',
  'under-objection': 'volcano',
  reversed: 'default',
  reversing: 'gold',
};

/**
 * The words of an entry's state, including 异议处理中 for an entry an open objection holds:
 * `state(s)` for a state already read, `label(event, ledger)` for an entry of the ledger.
 */
export function useEventStatusWords() {
  const { t } = useI18n();
  return useMemo(
    () => ({
      state: (state: EventState) => t(STATE_WORDS[state]),
      label: (event: EventDoc, ledger: VillageLedger) =>
        t(STATE_WORDS[eventStateOf(event, ledger)]),
    }),
    [t],
  );
}

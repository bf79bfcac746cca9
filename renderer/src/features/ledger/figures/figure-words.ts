import { useMemo } from 'react';
import type { EventKind } from '../../../../../shared/collections/events.ts';
import type { NotCountedReason } from '../../../../../shared/ledger/score.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { MessageKey } from '../../../i18n/catalogue.ts';
import type { HistoryState } from './event-state.ts';

const REASONS: { readonly [R in NotCountedReason]: MessageKey } = {
  'not-yet-effective': 'ledger.figures.reason.not-yet-effective',
  'under-objection': 'ledger.figures.reason.under-objection',
  expired: 'ledger.figures.reason.expired',
  reversed: 'ledger.figures.reason.reversed',
  annulled: 'ledger.figures.reason.annulled',
  'not-approved': 'ledger.figures.reason.not-approved',
  repaired: 'ledger.figures.reason.repaired',
  reversal: 'ledger.figures.reason.reversal',
  'balance-only': 'ledger.figures.reason.balance-only',
};

const KINDS: { readonly [K in EventKind]: MessageKey } = {
  accrual: 'ledger.figures.kind.accrual',
  deduction: 'ledger.figures.kind.deduction',
  'redemption-debit': 'ledger.figures.kind.redemption-debit',
  'repair-adjustment': 'ledger.figures.kind.repair-adjustment',
  'year-close-reset': 'ledger.figures.kind.year-close-reset',
  reversal: 'ledger.figures.kind.reversal',
};

const STATES: { readonly [S in HistoryState]: MessageKey } = {
  submitted: 'ledger.figures.state.submitted',
  approved: 'ledger.figures.state.approved',
  returned: 'ledger.figures.state.returned',
  rejected: 'ledger.figures.state.rejected',
  withdrawn: 'ledger.figures.state.withdrawn',
  'in-notice': 'ledger.figures.state.in-notice',
  confirmed: 'ledger.figures.state.confirmed',
  effective: 'ledger.figures.state.effective',
  annulled: 'ledger.figures.state.annulled',
  'pending-effect': 'ledger.figures.state.pending-effect',
  reversed: 'ledger.figures.state.reversed',
  'under-objection': 'ledger.figures.state.under-objection',
  expired: 'ledger.figures.state.expired',
  repaired: 'ledger.figures.state.repaired',
};

const STATE_COLOURS: { readonly [S in HistoryState]: string } = {
  submitted: 'blue',
  approved: 'blue',
  returned: 'orange',
  rejected: 'red',
  withdrawn: 'default',
  'in-notice': 'cyan',
  confirmed: 'blue',
  effective: 'green',
  annulled: 'default',
  'pending-effect': 'cyan',
  reversed: 'default',
  'under-objection': 'volcano',
  expired: 'default',
  repaired: 'purple',
};

/** The words of the scoring engine's reasons, event kinds and entry states. */
export function useFigureWords() {
  const { t } = useI18n();
  return useMemo(
    () => ({
      reason: (reason: NotCountedReason) => t(REASONS[reason]),
      kind: (kind: EventKind) => t(KINDS[kind]),
      state: (state: HistoryState) => t(STATES[state]),
      stateColour: (state: HistoryState) => STATE_COLOURS[state],
    }),
    [t],
  );
}

import { useMemo } from 'react';
import type { ObjectionCase } from '../../../../../shared/collections/cases.ts';
import { fail } from '../../../../../shared/errors.ts';
import type { ObjectionInput } from '../../../../../shared/ledger/notice.ts';
import { useLedgerWrite } from '../review/useLedgerWrite.ts';
import type { VillageLedger } from '../village-ledger.ts';
import { closeWrites, decideWrites, raiseWrites, verifyWrites } from './objection-data.ts';

function objectionIn(ledger: VillageLedger, id: string): ObjectionCase | undefined {
  return ledger.objections.get(id);
}

/** The objection steps (异议登记, 开始核查, 处理决定, 结案) by the signed-in user. */
export function useObjectionActions() {
  const { run } = useLedgerWrite();
  return useMemo(
    () => ({
      raise: (eventId: string, input: ObjectionInput) =>
        run<ObjectionCase>((ledger, ctx, place) => {
          const target = ledger.events.get(eventId);
          if (target === undefined) return fail('ledger.state-changed');
          return raiseWrites(target, input, ledger, place, ctx);
        }),
      startVerifying: (objectionId: string) =>
        run<ObjectionCase>((ledger, ctx, place) => {
          const objection = objectionIn(ledger, objectionId);
          if (objection === undefined) return fail('ledger.state-changed');
          return verifyWrites(objection, place, ctx);
        }),
      decide: (objectionId: string, outcome: 'upheld' | 'dismissed', note: string) =>
        run<ObjectionCase>((ledger, ctx, place) => {
          const objection = objectionIn(ledger, objectionId);
          if (objection === undefined) return fail('ledger.state-changed');
          return decideWrites(objection, outcome, note, ledger, place, ctx);
        }),
      close: (objectionId: string) =>
        run<ObjectionCase>((ledger, ctx, place) => {
          const objection = objectionIn(ledger, objectionId);
          if (objection === undefined) return fail('ledger.state-changed');
          return closeWrites(objection, place, ctx);
        }),
    }),
    [run],
  );
}

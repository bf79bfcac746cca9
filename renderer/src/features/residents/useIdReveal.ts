import { useCallback, useState } from 'react';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { IdProtectionError } from '../../../../shared/residents/id-protection.ts';
import { useAppServices } from '../../app/AppServices.ts';
import { useRegister } from './RegisterContext.ts';
import { mayRevealIds, operationContext } from './register-scope.ts';
import { queryEntry, writeDocuments } from './register-store.ts';

export type RevealOutcome =
  | { readonly ok: true; readonly number: string }
  /** 'unreadable': the cipher is not this township's or is damaged; 'failed': the log could not be written. */
  | { readonly ok: false; readonly reason: 'unreadable' | 'failed' | 'not-allowed' };

/**
 * Reveals a stored ID for the roles allowed (register-scope.ts ID_REVEAL_ROLES), after the
 * reveal is logged with its purpose: if the log cannot be written, nothing is shown.
 */
export function useIdReveal(resident: ResidentDoc) {
  const { db } = useAppServices();
  const { scope } = useRegister();
  const [revealed, setRevealed] = useState<{ readonly id: string; readonly number: string } | null>(
    null,
  );
  const allowed = mayRevealIds(scope) && resident.idNumberCipher !== '';

  const reveal = useCallback(
    async (purpose: string): Promise<RevealOutcome> => {
      const protector = scope.idProtector;
      if (!allowed || protector === null) return { ok: false, reason: 'not-allowed' };
      let number: string;
      try {
        number = await protector.reveal(resident.idNumberCipher);
      } catch (error) {
        console.error('revealing an ID failed', error);
        return { ok: false, reason: error instanceof IdProtectionError ? 'unreadable' : 'failed' };
      }
      try {
        await writeDocuments(db, {
          journal: [
            queryEntry(
              scope,
              operationContext(scope),
              'reveal-id',
              { id: resident.id, type: 'resident' },
              purpose,
            ),
          ],
        });
      } catch (error) {
        console.error('logging a reveal failed', error);
        return { ok: false, reason: 'failed' };
      }
      setRevealed({ id: resident.id, number });
      return { ok: true, number };
    },
    [allowed, db, scope, resident.id, resident.idNumberCipher],
  );

  const hide = useCallback(() => {
    setRevealed(null);
  }, []);

  return {
    allowed,
    number: revealed !== null && revealed.id === resident.id ? revealed.number : null,
    reveal,
    hide,
  };
}

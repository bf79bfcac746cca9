import { useMemo } from 'react';
import type { SubjectType } from '../../../../../shared/collections/schema.ts';
import type { ErrorCode } from '../../../../../shared/errors.ts';
import { useSession } from '../../../auth/session.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';

/**
 * The words the entry lists share: a subject's name (a resident, or 「001户」), the
 * recorder, signed points, and why a reviewer must leave an entry to someone else.
 */
export function useEntryWords() {
  const { t } = useI18n();
  const { principal } = useSession();
  return useMemo(
    () => ({
      subject: (subjectType: SubjectType, name: string) =>
        name === ''
          ? t('ledger.review.unknownSubject')
          : subjectType === 'household'
            ? t('ledger.review.householdSubject', { number: name })
            : name,
      /**
       * The signed-in user by name; other staff by their account id (the device keeps no
       * directory of the township's accounts).
       */
      person: (userId: string) =>
        userId === principal.userId
          ? t('ledger.review.me', { name: principal.displayName })
          : userId,
      points: (points: number) => (points > 0 ? `+${String(points)}` : String(points)),
      rule: (ruleName: string, isReversal: boolean) =>
        isReversal ? t('ledger.review.reversalOf', { name: ruleName }) : ruleName,
      blocked: (code: ErrorCode) =>
        code === 'ledger.review-own-entry'
          ? t('ledger.review.blocked.ownEntry')
          : t('ledger.review.blocked.ownHousehold'),
    }),
    [t, principal],
  );
}

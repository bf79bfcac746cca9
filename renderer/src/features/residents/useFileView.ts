import { useCallback, useState } from 'react';
import { useAppServices } from '../../app/AppServices.ts';
import { useRegister } from './RegisterContext.ts';
import { operationContext } from './register-scope.ts';
import { queryEntry, writeDocuments } from './register-store.ts';

/**
 * Opening a resident's file is logged (查询记录) with its purpose, before the file shows:
 * every view of a personal file has who, when and why (DOMAIN invariant 8). The purpose
 * given last is offered again.
 */
export function useFileView(residentId: string) {
  const { db } = useAppServices();
  const { scope, lastPurpose, rememberPurpose } = useRegister();
  const [opened, setOpened] = useState<string | null>(null);

  const open = useCallback(
    async (purpose: string) => {
      await writeDocuments(db, {
        journal: [
          queryEntry(
            scope,
            operationContext(scope),
            'view',
            { id: residentId, type: 'resident' },
            purpose,
          ),
        ],
      });
      rememberPurpose(purpose);
      setOpened(residentId);
    },
    [db, scope, residentId, rememberPurpose],
  );

  return { granted: opened === residentId, open, lastPurpose };
}

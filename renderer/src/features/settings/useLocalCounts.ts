import { useEffect, useState } from 'react';
import { combineLatest } from 'rxjs';
import { COLLECTION_NAMES, type CollectionName } from '../../../../shared/collections/plan.ts';
import { useAppServices } from '../../app/AppServices.ts';

export type LocalCounts = { readonly [C in CollectionName]: number };

/** Live record counts of every local collection (null until the first counts arrive). */
export function useLocalCounts(): LocalCounts | null {
  const { db } = useAppServices();
  const [counts, setCounts] = useState<LocalCounts | null>(null);
  useEffect(() => {
    const subscription = combineLatest(
      COLLECTION_NAMES.map((name) => db.collections[name].count().$),
    ).subscribe({
      next: (values) => {
        setCounts(
          Object.fromEntries(
            COLLECTION_NAMES.map((name, i) => [name, values[i] ?? 0]),
          ) as LocalCounts,
        );
      },
      error: (error: unknown) => {
        console.error('counting local records failed', error);
      },
    });
    return () => {
      subscription.unsubscribe();
    };
  }, [db]);
  return counts;
}

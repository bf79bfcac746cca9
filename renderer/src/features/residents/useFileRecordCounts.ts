import { useEffect, useState } from 'react';
import { useAppServices } from '../../app/AppServices.ts';

export interface FileRecordCounts {
  readonly commitments: number;
  readonly ratings: number;
}

/**
 * How many commitments and ratings or list entries name this resident
 * (each an index range on subjectId). The modules that show them are not built yet: the
 * file says how many there are, or that there are none, and never shows invented ones.
 */
export function useFileRecordCounts(residentId: string): FileRecordCounts | null {
  const { db } = useAppServices();
  const [counts, setCounts] = useState<FileRecordCounts | null>(null);
  useEffect(() => {
    let live = true;
    const selector = { subjectId: residentId };
    Promise.all([
      db.collections.commitments.count({ selector }).exec(),
      db.collections.ratings.count({ selector }).exec(),
    ]).then(
      ([commitments, ratings]) => {
        if (live) setCounts({ commitments, ratings });
      },
      (error: unknown) => {
        console.error('counting a resident’s records failed', error);
      },
    );
    return () => {
      live = false;
    };
  }, [db, residentId]);
  return counts;
}

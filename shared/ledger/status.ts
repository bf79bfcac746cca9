/**
 * Reading an event's state: which statuses are final refusals, and which events have been
 * undone (or are being undone) by a reversal.
 */
import type { EventDoc, EventStatus } from '../collections/events.ts';

/** An entry that will never count: refused in review, withdrawn, or annulled. */
export const VOID_STATUSES: ReadonlySet<EventStatus> = new Set([
  'returned',
  'rejected',
  'withdrawn',
  'annulled',
]);

/** Ids of the events undone by an effective reversal among `events`. */
export function reversedIds(events: Iterable<EventDoc>): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const event of events)
    if (event.kind === 'reversal' && event.status === 'effective') ids.add(event.reversalOf);
  return ids;
}

/**
 * The entries that stand for an act: recorded, not refused and not reversed. They occupy
 * their (subject, rule, date) and count towards caps, whether effective or still pending.
 */
export function standingEvents(events: Iterable<EventDoc>): readonly EventDoc[] {
  const all = [...events];
  const reversed = reversedIds(all);
  return all.filter((event) => !VOID_STATUSES.has(event.status) && !reversed.has(event.id));
}

/** Ids of the events a reversal undoes or is about to undo (effective or pending reversals). */
export function reversalTargets(events: Iterable<EventDoc>): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const event of events)
    if (event.kind === 'reversal' && !VOID_STATUSES.has(event.status)) ids.add(event.reversalOf);
  return ids;
}

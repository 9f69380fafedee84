// The chaos run's verdict, from what the destinations saw and what the journal holds. Pure: the
// run gathers the observations, this counts them (bench/chaos/README.md defines each figure).
import type { Destination, TrafficKind } from './chaos.plan';

/** What one destination saw: handler calls per message id, and every raw copy it was given. */
export interface DestinationObservation {
  /** Platform: calls of the platform's handler. Peer: notices stored as new (receipts.log). */
  readonly handlerCalls: ReadonlyMap<string, number>;
  /** Platform: copies the broker delivered (PlatformCounters.received). Peer: every delivery received. */
  readonly rawCopies: number;
}

export interface DestinationCount {
  destination: Destination;
  expected: number;
  /** Expected ids the handler saw exactly once. */
  deliveredOnce: number;
  /** Copies beyond one per id that reached the destination (absorbed there, or not). */
  rawDuplicates: number;
  /** Ids the handler saw more than once: a duplicate the destination did not absorb. */
  seenTwice: number;
  /** Expected ids the handler never saw. */
  lost: number;
  /** Ids the handler saw that were not meant for this destination. */
  unexpected: number;
  lostIds: string[];
  seenTwiceIds: string[];
}

export function countDestinations(
  expected: ReadonlyMap<string, readonly Destination[]>,
  observed: ReadonlyMap<Destination, DestinationObservation>,
): DestinationCount[] {
  const wanted = new Map<Destination, Set<string>>();
  for (const [id, destinations] of expected) {
    for (const destination of destinations) {
      const ids = wanted.get(destination) ?? new Set<string>();
      ids.add(id);
      wanted.set(destination, ids);
    }
  }
  const destinations = [...new Set([...wanted.keys(), ...observed.keys()])].sort();
  return destinations.map((destination) => {
    const ids = wanted.get(destination) ?? new Set<string>();
    const seen = observed.get(destination) ?? { handlerCalls: new Map<string, number>(), rawCopies: 0 };
    const calls = (id: string) => seen.handlerCalls.get(id) ?? 0;
    const lostIds = [...ids].filter((id) => calls(id) === 0);
    const seenTwiceIds = [...seen.handlerCalls].filter(([, count]) => count > 1).map(([id]) => id);
    const distinctSeen = [...seen.handlerCalls.values()].filter((count) => count > 0).length;
    return {
      destination,
      expected: ids.size,
      deliveredOnce: [...ids].filter((id) => calls(id) === 1).length,
      rawDuplicates: Math.max(0, seen.rawCopies - distinctSeen),
      seenTwice: seenTwiceIds.length,
      lost: lostIds.length,
      unexpected: [...seen.handlerCalls.keys()].filter((id) => !ids.has(id)).length,
      lostIds,
      seenTwiceIds,
    };
  });
}

/** One journal entry as the check reads it. */
export interface JournalRow {
  readonly stage: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface JournalExpectation {
  readonly id: string;
  readonly kind: TrafficKind;
  readonly destinations: readonly Destination[];
}

export interface JournalGap {
  id: string;
  missing: string[];
  unexpected?: string[];
}

/** The journal's name for a destination (the I-24/7 adapter journals `I-24/7`). */
const journalDestination = (destination: Destination): string =>
  destination === 'INTERPOL' ? 'I-24/7' : destination;

/**
 * Every message must be `received`; delivered to each destination; a held one `held` then
 * `released`; a refused one `dead-lettered` with a routing code; any other dead letter is named.
 */
export function journalGaps(
  expectations: readonly JournalExpectation[],
  rows: ReadonlyMap<string, readonly JournalRow[]>,
): JournalGap[] {
  const gaps: JournalGap[] = [];
  for (const { id, kind, destinations } of expectations) {
    const entries = rows.get(id) ?? [];
    const has = (stage: string, test: (details: Readonly<Record<string, unknown>>) => boolean = () => true) =>
      entries.some((entry) => entry.stage === stage && test(entry.details));
    const missing: string[] = [];
    if (!has('received')) missing.push('received');
    if (kind === 'held') {
      for (const stage of ['held', 'released']) if (!has(stage)) missing.push(stage);
    }
    for (const destination of destinations) {
      if (!has('delivered', (details) => details.destination === journalDestination(destination))) {
        missing.push(`delivered ${destination}`);
      }
    }
    const refusal = (details: Readonly<Record<string, unknown>>) =>
      String(details.code).startsWith('ROUTING_');
    if (kind === 'refused' && !has('dead-lettered', refusal)) missing.push('dead-lettered ROUTING_*');
    const unexpected = entries
      .filter((entry) => entry.stage === 'dead-lettered' && !(kind === 'refused' && refusal(entry.details)))
      .map((entry) => `dead-lettered ${String(entry.details.code)}`);
    if (unexpected.length > 0) gaps.push({ id, missing, unexpected });
    else if (missing.length > 0) gaps.push({ id, missing });
  }
  return gaps;
}

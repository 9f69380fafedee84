// What every end-to-end suite proves on its way out (issue 6: "trace answers for every message of
// the end-to-end tests; audit verify passes"): once the journal writer has drained its queue,
// every message sent through the harness has a `received` entry and the hash chain verifies.
import type { JournalStore } from '@pcms/journal';
import type { QueueStats } from '@pcms/messaging';
import { expectEventually } from './expect-eventually';

/** Resolves once the journal writer's queue holds no ready message (the writer consumes them all). */
export async function journalQueueDrained(
  stats: QueueStats,
  queue: string,
  timeoutMs = 60_000,
): Promise<void> {
  await expectEventually(
    async () => {
      const [depth] = await stats.queueDepths([queue]);
      expect(depth?.consumerCount).toBeGreaterThan(0);
      expect(depth?.messageCount).toBe(0);
    },
    { timeoutMs, intervalMs: 100 },
  );
}

/** Throws naming every message without a `received` entry, or the first entry the chain refuses. */
export async function auditJournal(journal: JournalStore, messageIds: Iterable<string>): Promise<void> {
  const untraced: string[] = [];
  for (const messageId of messageIds) {
    const stages = (await journal.trace(messageId)).map((entry) => entry.stage);
    if (!stages.includes('received')) untraced.push(messageId);
  }
  const verdict = await journal.verifyChain();
  const faults = [
    ...(untraced.length > 0 ? [`no 'received' entry in the journal for: ${untraced.join(', ')}`] : []),
    ...(verdict.ok ? [] : [`audit verify: entry ${verdict.firstBadSeq} ${verdict.reason ?? ''}`]),
  ];
  if (faults.length > 0) throw new Error(`journal audit of the run failed:\n  ${faults.join('\n  ')}`);
}

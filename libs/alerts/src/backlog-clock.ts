// How long each queue has held messages without being seen empty. The broker's AMQP answer gives a
// queue's depth, not its messages' ages (and quorum queues report no head timestamp), so the
// console keeps, per queue, the first evaluation that found it non-empty since it was last empty.
// That is an upper bound of the oldest message's wait (within one evaluation period): exact for a
// queue nobody consumes (a platform that stopped reading, a dead consumer), too high for a queue
// that is consumed but never catches up, which deserves the alert as well.

/** Queue name → when it was first seen holding messages since it was last seen empty (ISO 8601). */
export type BacklogSince = Readonly<Record<string, string>>;

export function advanceBacklog(
  since: BacklogSince,
  depths: readonly { readonly queue: string; readonly depth: number }[],
  now: Date,
): { since: BacklogSince; oldestSeconds: Record<string, number> } {
  const next: Record<string, string> = {};
  const oldestSeconds: Record<string, number> = {};
  for (const { queue, depth } of depths) {
    if (depth <= 0) {
      oldestSeconds[queue] = 0;
      continue;
    }
    const start = since[queue] ?? now.toISOString();
    next[queue] = start;
    oldestSeconds[queue] = Math.max(0, Math.round((now.getTime() - Date.parse(start)) / 1000));
  }
  return { since: next, oldestSeconds };
}

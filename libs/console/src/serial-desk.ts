// Reading the dead-letter queue takes every letter off it for a moment (unacknowledged on a
// private channel, DeadLetterDesk.list): two readings at once would each see the other's letters
// missing, and a replay would not find the letter a listing holds. One at a time in this console.
import type { DeadLetterDesk, DeadLetterList, DiscardResult, ReplayResult } from '@pcms/dead-letters';

export class SerialDesk {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly desk: DeadLetterDesk) {}

  list(limit: number): Promise<DeadLetterList> {
    return this.next(() => this.desk.list(limit));
  }

  replay(messageId: string, operator: string): Promise<ReplayResult> {
    return this.next(() => this.desk.replay(messageId, operator));
  }

  discard(messageId: string, reason: string, operator: string): Promise<DiscardResult> {
    return this.next(() => this.desk.discard(messageId, reason, operator));
  }

  private next<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

import type { JournalStage, JournalTailEntry } from '@pcms/journal';
import { LastHourTally } from './last-hour.tally';

/** The two reads the tally makes, over entries in memory, as the journal store answers them. */
class JournalInMemory {
  readonly entries: JournalTailEntry[] = [];
  tailCalls = 0;
  entriesRead = 0;

  write(messageId: string, stage: JournalStage, iso: string, sender?: string, type?: string): void {
    this.entries.push({
      seq: this.entries.length + 1,
      messageId,
      stage,
      atMs: Date.parse(iso),
      ...(sender ? { sender } : {}),
      ...(type ? { type } : {}),
    });
  }

  tail(afterSeq: number, limit: number): Promise<JournalTailEntry[]> {
    this.tailCalls += 1;
    const entries = this.entries.filter((entry) => entry.seq > afterSeq).slice(0, limit);
    this.entriesRead += entries.length;
    return Promise.resolve(entries);
  }

  seqBefore(since: Date): Promise<number> {
    const first = this.entries.find((entry) => entry.atMs >= since.getTime());
    return Promise.resolve(first ? first.seq - 1 : this.entries.length);
  }
}

const T = (minute: number, second = 0) =>
  `2026-12-04T20:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}.000Z`;

describe(LastHourTally.name, () => {
  it('counts each message once, by the stage of its latest entry', async () => {
    const journal = new JournalInMemory();
    const sut = new LastHourTally(journal);
    journal.write('m1', 'received', T(10), 'NP-ML', 'person.wanted');
    journal.write('m1', 'delivered', T(10, 1));
    journal.write('m2', 'received', T(10, 2), 'NP-ML', 'person.wanted');
    journal.write('m2', 'failed', T(10, 3));
    journal.write('m3', 'received', T(10, 4), 'NP-NE', 'person.wanted');
    journal.write('m3', 'dead-lettered', T(10, 5));

    expect((await sut.counts(new Date(T(11)))).lastHour).toEqual({
      delivered: 1,
      retrying: 1,
      deadLettered: 1,
    });

    // m2's retry succeeds and m1 is read by an operator: m1 stays delivered.
    journal.write('m2', 'delivered', T(11, 1));
    journal.write('m1', 'payload-viewed', T(11, 2));
    expect((await sut.counts(new Date(T(12)))).lastHour).toEqual({
      delivered: 2,
      retrying: 0,
      deadLettered: 1,
    });
  });

  it('reads only what was written since its last read', async () => {
    const journal = new JournalInMemory();
    const sut = new LastHourTally(journal);
    for (let i = 0; i < 12_000; i += 1) journal.write(`m${i}`, 'delivered', T(20), 'NP-ML');
    await sut.counts(new Date(T(21)));
    const callsToCatchUp = journal.tailCalls;
    journal.write('late', 'delivered', T(21), 'NP-ML');

    const counts = await sut.counts(new Date(T(22)));

    expect(callsToCatchUp).toBe(3);
    expect(journal.tailCalls - callsToCatchUp).toBe(1);
    expect(counts.lastHour.delivered).toBe(12_001);
  });

  it('starts at the entries of the last hour and forgets messages quiet for longer', async () => {
    const journal = new JournalInMemory();
    journal.write('old', 'received', '2026-12-04T18:00:00.000Z', 'NP-ML');
    journal.write('old', 'delivered', '2026-12-04T18:00:01.000Z');
    journal.write('recent', 'received', T(0), 'NP-TD');
    journal.write('recent', 'delivered', T(0, 1));
    const sut = new LastHourTally(journal);

    expect((await sut.counts(new Date(T(30)))).lastHour.delivered).toBe(1);
    expect((await sut.counts(new Date('2026-12-04T21:00:02.000Z'))).lastHour.delivered).toBe(0);
  });

  it('rates a message once, in the minute of its first entry, when it started inside the window', async () => {
    const journal = new JournalInMemory();
    journal.write('before', 'received', '2026-12-04T19:00:00.000Z', 'NP-ML', 'person.wanted');
    journal.write('inbound', 'received', T(5));
    journal.write('before', 'delivered', T(5, 1));
    journal.write('outbound', 'received', T(6), 'NP-ML', 'person.wanted');
    journal.write('inbound', 'verified', T(6, 1), 'INTERPOL', 'person.wanted');
    journal.write('outbound', 'delivered', T(6, 2), 'NP-ML', 'person.wanted');
    const sut = new LastHourTally(journal);

    const { rates, lastHour } = await sut.counts(new Date(T(10)));

    const minuteOf = (iso: string) => rates.minutes.indexOf(Date.parse(iso) / 1000);
    expect(rates.routes.map((r) => [r.direction, r.key, r.counts.reduce((a, b) => a + b, 0)])).toEqual([
      ['outbound', 'NP-ML', 1],
      ['inbound', 'person.wanted', 1],
    ]);
    expect(rates.routes[0].counts[minuteOf(T(6))]).toBe(1);
    expect(rates.routes[1].counts[minuteOf(T(5))]).toBe(1);
    // 'before' started earlier than the window: active in it, not one of its arrivals.
    expect(lastHour.delivered).toBe(2);
  });

  it('lets two reads at once read each entry once', async () => {
    const journal = new JournalInMemory();
    for (let i = 0; i < 100; i += 1) journal.write(`m${i}`, 'delivered', T(40));
    const sut = new LastHourTally(journal);

    const [a, b] = await Promise.all([sut.counts(new Date(T(41))), sut.counts(new Date(T(41)))]);

    expect([a.lastHour.delivered, b.lastHour.delivered]).toEqual([100, 100]);
    expect(journal.entriesRead).toBe(100);
  });
});

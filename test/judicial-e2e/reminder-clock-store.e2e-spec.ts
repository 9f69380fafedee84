// The reminders' clock on the real store, both databases: a due reminder is journaled and recorded
// once however many scans (or scanners at once) look, a new move arms the next one, and a request
// with nothing due journals nothing.
import type { JournalDriver } from '@pcms/journal';
import type { StageEvent } from '@pcms/journal-emitter';
import {
  fireDueReminders,
  openJudicialStore,
  type FollowUpPolicy,
  type JudicialDirectory,
  type JudicialStore,
} from '@pcms/judicial';
import { randomBytes } from 'node:crypto';
import { journalTestDatabase, type JournalTestDatabase } from '../journal/journal-databases';
import { day, requestBytes, shippedDirectory, status, walk } from '../judicial/judicial-seed';

jest.setTimeout(60_000);

const URGENT_IN_A_WEEK: FollowUpPolicy = { defaultDays: 30, rules: [{ urgency: 'urgent', days: 7 }] };

describe.each<JournalDriver>(['sqlite', 'postgres'])('reminder clock on %s', (driver) => {
  let database: JournalTestDatabase;
  let directory: JudicialDirectory;
  let store: JudicialStore;
  const journaled: StageEvent[] = [];
  const scan = (now: Date) =>
    fireDueReminders(
      {
        store,
        policy: URGENT_IN_A_WEEK,
        emit: (stages) => {
          journaled.push(...stages);
          return Promise.resolve();
        },
      },
      now,
    );
  const remindersOf = (requestId: string) => journaled.filter((stage) => stage.messageId === requestId);

  beforeAll(async () => {
    database = await journalTestDatabase(driver, __filename);
    directory = await shippedDirectory();
    store = await openJudicialStore({ ...database.location, payloadKey: randomBytes(32) });
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('fires a due reminder once across scans and concurrent scanners; a move arms the next', async () => {
    const { requestId, bytes } = requestBytes('mla-mali-to-niger');
    await store.submit(bytes, directory, day(0));
    await walk(store, directory, requestId, [['SUBMITTED', 'ML-CA', 0]]);

    expect(await scan(day(6))).toEqual([]);
    const [first, second] = await Promise.all([scan(day(7)), scan(day(7))]);
    const later = await scan(day(9));

    const fired = [...first, ...second].filter((fact) => fact.reminder.requestId === requestId);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ reminder: { state: 'SUBMITTED', days: 7, armedOn: 1 } });
    expect(later.filter((fact) => fact.reminder.requestId === requestId)).toEqual([]);
    expect((await store.find(requestId))?.reminders).toHaveLength(1);
    // Both racing scanners may journal it; they journal the same event (same id: written once).
    expect(new Set(remindersOf(requestId).map((stage) => `${stage.stage}:${stage.discriminator}`))).toEqual(
      new Set(['reminded:armed-1']),
    );
    expect(remindersOf(requestId)[0].details).toMatchObject({ owedBy: 'requested', reminded: 'NE-CA' });

    await store.move(status(requestId, ['RECEIVED', 'NE-CA', 10]), directory.stateOf, day(10));
    const rearmed = await scan(day(17));

    expect(rearmed.filter((fact) => fact.reminder.requestId === requestId)).toMatchObject([
      { reminder: { state: 'RECEIVED', armedOn: 2 } },
    ]);
    expect((await store.find(requestId))?.reminders.map((r) => r.armedOn)).toEqual([1, 2]);
  });

  it('journals nothing for requests with nothing due', async () => {
    const before = journaled.length;
    const { requestId, bytes } = requestBytes('mla-mali-to-niger');
    await store.submit(bytes, directory, day(40));
    await walk(store, directory, requestId, [['SUBMITTED', 'ML-CA', 40]]);

    const fired = await scan(day(41));

    expect(fired.filter((fact) => fact.reminder.requestId === requestId)).toEqual([]);
    expect(remindersOf(requestId)).toEqual([]);
    expect(journaled.slice(before).every((stage) => stage.messageId !== requestId)).toBe(true);
  });
});

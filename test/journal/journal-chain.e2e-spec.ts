// Tamper evidence on the real databases: rows changed or removed behind the store's back are
// named by verifyChain, and concurrent writers never fork the chain.
import { openJournalStore, type JournalDriver, type JournalStore } from '@pcms/journal';
import { journalTestDatabase, type JournalTestDatabase } from './journal-databases';
import { journalEvent, receivedEvent } from './journal-events.fixture';

describe.each<JournalDriver>(['sqlite', 'postgres'])('JournalStore.verifyChain on %s', (driver) => {
  let database: JournalTestDatabase;
  let sut: JournalStore;

  beforeAll(async () => {
    database = await journalTestDatabase(driver, __filename);
    sut = await openJournalStore({ ...database.location, payloads: { keep: 'none' } });
  });

  afterAll(async () => {
    await sut?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    await database.exec('delete from journal_entries');
    await sut.append([
      receivedEvent('m-1', 'CM-PCMS', 'person.wanted'),
      journalEvent('m-1', 'policy', { details: { rule: 'outbound-default', decision: 'allow' } }),
      journalEvent('m-1', 'routed', { details: { destination: 'i247' } }),
    ]);
    await sut.append([journalEvent('m-1', 'delivered'), journalEvent('m-2', 'received')]);
  });

  it('passes a clean journal and gives its head', async () => {
    const verdict = await sut.verifyChain();

    expect(verdict).toEqual({ ok: true, entries: 5, headHash: (await sut.trace('m-2'))[0].hash });
  });

  it('passes an empty journal', async () => {
    await database.exec('delete from journal_entries');

    expect(await sut.verifyChain()).toEqual({ ok: true, entries: 0 });
  });

  it('names the entry whose details were changed in SQL', async () => {
    await database.exec('update journal_entries set details = ? where seq = 2', [
      '{"decision":"allow","rule":"never-release"}',
    ]);

    expect(await sut.verifyChain()).toMatchObject({ ok: false, entries: 1, firstBadSeq: 2 });
  });

  it('names the entry whose stage was changed in SQL', async () => {
    await database.exec("update journal_entries set stage = 'delivered' where seq = 3");

    expect(await sut.verifyChain()).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      reason: expect.stringContaining('hash'),
    });
  });

  it('names an entry rehashed in place: its successor no longer links to it', async () => {
    await database.exec("update journal_entries set hash = 'f00d' where seq = 2");

    expect(await sut.verifyChain()).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('names the entry after a deleted one', async () => {
    await database.exec('delete from journal_entries where seq = 3');

    expect(await sut.verifyChain()).toMatchObject({ ok: false, entries: 2, firstBadSeq: 4 });
  });

  it('names the new first entry when the first one is deleted', async () => {
    await database.exec('delete from journal_entries where seq = 1');

    expect(await sut.verifyChain()).toMatchObject({ ok: false, entries: 0, firstBadSeq: 2 });
  });

  it('keeps extending a chain that verifies', async () => {
    await sut.append([journalEvent('m-2', 'rejected', { details: { code: 'SIGNATURE_INVALID' } })]);

    expect(await sut.verifyChain()).toMatchObject({ ok: true, entries: 6 });
  });
});

describe('JournalStore appends from two writers on postgres', () => {
  let database: JournalTestDatabase;
  let writers: JournalStore[] = [];

  beforeAll(async () => {
    database = await journalTestDatabase('postgres', __filename);
    writers = await Promise.all(
      [1, 2].map(() => openJournalStore({ ...database.location, payloads: { keep: 'none' } })),
    );
  });

  afterAll(async () => {
    await Promise.all(writers.map((writer) => writer.close()));
    await database?.drop();
  });

  it('keeps a single valid chain', async () => {
    const batches = Array.from({ length: 12 }, (_, batch) =>
      Array.from({ length: 5 }, (_, index) => journalEvent(`w-${batch}-${index}`, 'received')),
    );
    // Every batch also carries one shared event: exactly one writer may journal it.
    const shared = journalEvent('w-shared', 'received');

    const results = await Promise.all(
      batches.map((events, batch) => writers[batch % 2].append([...events, shared])),
    );

    expect(results.reduce((sum, result) => sum + result.appended, 0)).toBe(61);
    expect(results.reduce((sum, result) => sum + result.duplicates, 0)).toBe(11);
    expect(await writers[0].verifyChain()).toMatchObject({ ok: true, entries: 61 });
    const seqs = await database.exec('select seq from journal_entries order by seq');
    expect(seqs.map((row) => Number(row.seq))).toEqual(Array.from({ length: 61 }, (_, index) => index + 1));
  });
});

// The journal store on the real databases: the same suite on SQLite and on PostgreSQL.
import { randomBytes } from 'node:crypto';
import { JournalErrorCode, openJournalStore, type JournalDriver, type JournalStore } from '@pcms/journal';
import { journalTestDatabase, type JournalTestDatabase } from './journal-databases';
import { journalEvent, receivedEvent } from './journal-events.fixture';

describe.each<JournalDriver>(['sqlite', 'postgres'])('JournalStore on %s', (driver) => {
  const key = randomBytes(32);
  let database: JournalTestDatabase;
  let sut: JournalStore;

  beforeAll(async () => {
    database = await journalTestDatabase(driver, __filename);
    sut = await openJournalStore({ ...database.location, payloads: { keep: 'encrypted', key } });
  });

  afterAll(async () => {
    await sut?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    await database.exec('delete from journal_entries');
  });

  it('migrates idempotently', async () => {
    await sut.migrate();
    await sut.migrate();

    expect(await sut.append([journalEvent('m-mig', 'received')])).toEqual({ appended: 1, duplicates: 0 });
  });

  it('appends a batch, skipping events whose id repeats in the batch or was journaled before', async () => {
    const received = receivedEvent('m-1', 'CM-PCMS', 'person.wanted');
    const routed = journalEvent('m-1', 'routed', { details: { destination: 'i247' } });

    expect(await sut.append([received, routed, { ...received }])).toEqual({ appended: 2, duplicates: 1 });
    expect(await sut.append([routed, journalEvent('m-1', 'delivered')])).toEqual({
      appended: 1,
      duplicates: 1,
    });
    expect(await sut.append([])).toEqual({ appended: 0, duplicates: 0 });

    const trace = await sut.trace('m-1');
    expect(trace.map((entry) => entry.stage)).toEqual(['received', 'routed', 'delivered']);
    expect(trace.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(trace[0]).toMatchObject({ prevHash: '', details: { sender: 'CM-PCMS', type: 'person.wanted' } });
    expect(trace[1].prevHash).toBe(trace[0].hash);
    expect(trace[2].prevHash).toBe(trace[1].hash);
  });

  it('traces one message in append order, interleaved with others', async () => {
    await sut.append([journalEvent('m-a', 'received'), journalEvent('m-b', 'received')]);
    await sut.append([
      journalEvent('m-a', 'policy', { details: { rule: 'r-1' } }),
      journalEvent('m-b', 'rejected'),
    ]);
    await sut.append([journalEvent('m-a', 'held', { correlationId: 'c-1' })]);

    const trace = await sut.trace('m-a');

    expect(trace.map((entry) => [entry.seq, entry.stage])).toEqual([
      [1, 'received'],
      [3, 'policy'],
      [5, 'held'],
    ]);
    expect(trace[1].details).toEqual({ rule: 'r-1' });
    expect(trace[2].correlationId).toBe('c-1');
    expect(await sut.trace('m-none')).toEqual([]);
  });

  it('refuses a batch holding an invalid event, and writes none of it', async () => {
    const bad = { ...journalEvent('m-bad', 'routed'), stage: 'teleported' } as unknown as ReturnType<
      typeof journalEvent
    >;

    await expect(sut.append([journalEvent('m-bad', 'received'), bad])).rejects.toMatchObject({
      code: JournalErrorCode.EventInvalid,
    });
    await expect(sut.append([journalEvent('m-bad', 'received', { at: 'yesterday' })])).rejects.toMatchObject({
      code: JournalErrorCode.EventInvalid,
    });
    expect(await sut.trace('m-bad')).toEqual([]);
  });

  describe('search', () => {
    beforeEach(async () => {
      await sut.append([
        receivedEvent('s-1', 'CM-PCMS', 'person.wanted', { at: '2025-04-01T08:00:00.000Z' }),
        journalEvent('s-1', 'routed', { at: '2025-04-01T08:00:05.000Z' }),
        receivedEvent('s-2', 'TD-PCMS', 'person.wanted', {
          at: '2025-04-02T08:00:00.000Z',
          correlationId: 'c-9',
        }),
        journalEvent('s-2', 'held', { at: '2025-04-02T09:00:00+01:00', correlationId: 'c-9' }),
        receivedEvent('s-3', 'CM-PCMS', 'incident.report', { at: '2025-04-03T08:00:00.000Z' }),
        journalEvent('s-3', 'rejected', {
          at: '2025-04-03T08:00:01.000Z',
          details: { code: 'POLICY_DENIED' },
        }),
      ]);
    });

    const ids = async (filter: Parameters<JournalStore['search']>[0]) =>
      (await sut.search(filter)).map((hit) => hit.messageId);

    it('summarises each message, most recently active first', async () => {
      const hits = await sut.search({});

      expect(hits.map((hit) => hit.messageId)).toEqual(['s-3', 's-2', 's-1']);
      expect(hits[2]).toEqual({
        messageId: 's-1',
        firstAt: '2025-04-01T08:00:00.000Z',
        lastAt: '2025-04-01T08:00:05.000Z',
        lastStage: 'routed',
        sender: 'CM-PCMS',
        type: 'person.wanted',
      });
      expect(hits[1]).toMatchObject({
        lastStage: 'held',
        correlationId: 'c-9',
        lastAt: '2025-04-02T08:00:00.000Z',
      });
    });

    it('filters by sender, type, stage, correlation and message id', async () => {
      expect(await ids({ sender: 'CM-PCMS' })).toEqual(['s-3', 's-1']);
      expect(await ids({ type: 'person.wanted' })).toEqual(['s-2', 's-1']);
      expect(await ids({ sender: 'CM-PCMS', type: 'incident.report' })).toEqual(['s-3']);
      expect(await ids({ stage: 'held' })).toEqual(['s-2']);
      expect(await ids({ stage: 'received' })).toEqual([]);
      expect(await ids({ correlationId: 'c-9' })).toEqual(['s-2']);
      expect(await ids({ messageId: 's-1' })).toEqual(['s-1']);
      expect(await ids({ sender: 'NE-PCMS' })).toEqual([]);
    });

    it('filters by a list of message ids (a business-key search’s), with the other filters', async () => {
      expect(await ids({ messageIds: ['s-1', 's-3', 'unknown'] })).toEqual(['s-3', 's-1']);
      expect(await ids({ messageIds: ['s-1', 's-3'], type: 'person.wanted' })).toEqual(['s-1']);
      expect(await ids({ messageIds: [] })).toEqual([]);
    });

    it('filters by date, whatever offset the emitter wrote, and limits', async () => {
      expect(await ids({ since: new Date('2025-04-02T00:00:00Z') })).toEqual(['s-3', 's-2']);
      expect(await ids({ until: new Date('2025-04-02T23:00:00Z') })).toEqual(['s-2', 's-1']);
      expect(
        await ids({ since: new Date('2025-04-02T00:00:00Z'), until: new Date('2025-04-02T23:00:00Z') }),
      ).toEqual(['s-2']);
      expect(await ids({ limit: 1 })).toEqual(['s-3']);
    });

    it('does not count a payload view as activity: status, last time and date filters ignore it', async () => {
      await sut.append([
        journalEvent('s-1', 'payload-viewed', {
          app: 'console',
          at: '2025-04-05T08:00:00.000Z',
          details: { operator: 'OPS-A' },
        }),
      ]);

      expect(await ids({})).toEqual(['s-3', 's-2', 's-1']);
      expect((await sut.search({ messageId: 's-1' }))[0]).toMatchObject({
        lastStage: 'routed',
        lastAt: '2025-04-01T08:00:05.000Z',
      });
      expect(await ids({ since: new Date('2025-04-04T00:00:00Z') })).toEqual([]);
      expect(await ids({ stage: 'payload-viewed' })).toEqual([]);
      expect((await sut.trace('s-1')).map((entry) => entry.stage)).toEqual([
        'received',
        'routed',
        'payload-viewed',
      ]);
    });
  });

  describe('tail', () => {
    it('hands a follower the entries after its seq, in order, a page at a time', async () => {
      const received = receivedEvent('t-1', 'NP-ML', 'person.wanted');
      await sut.append([received, journalEvent('t-2', 'received')]);
      await sut.append([journalEvent('t-1', 'delivered')]);

      const first = await sut.tail(0, 2);
      const rest = await sut.tail(first[first.length - 1].seq, 10);

      expect(first).toEqual([
        {
          seq: 1,
          messageId: 't-1',
          stage: 'received',
          atMs: Date.parse(received.at),
          sender: 'NP-ML',
          type: 'person.wanted',
        },
        expect.objectContaining({ seq: 2, messageId: 't-2', stage: 'received' }),
      ]);
      expect(first[1]).not.toHaveProperty('sender');
      expect(rest.map((entry) => [entry.seq, entry.stage])).toEqual([[3, 'delivered']]);
      expect(await sut.tail(3, 10)).toEqual([]);
    });

    it('starts a reader of the recent past before its first entry, or at the head when none is recent', async () => {
      expect(await sut.seqBefore(new Date(0))).toBe(0);
      const events = [
        journalEvent('r-1', 'received'),
        journalEvent('r-1', 'routed'),
        journalEvent('r-1', 'delivered'),
      ];
      await sut.append(events);

      expect(await sut.seqBefore(new Date(events[1].at))).toBe(1);
      expect(await sut.seqBefore(new Date(0))).toBe(0);
      expect(await sut.seqBefore(new Date(Date.parse(events[2].at) + 1))).toBe(3);
    });
  });

  describe('payloads', () => {
    const plaintext = Buffer.from('{"subject":"PAYLOAD-PLAINTEXT-MARKER"}');
    const payload = { contentType: 'application/json', base64: plaintext.toString('base64') };

    it('keeps them encrypted: the column holds neither the bytes nor their base64', async () => {
      const event = journalEvent('p-1', 'received', { payload });
      await sut.append([event]);

      expect((await sut.payloadOf(event.eventId))?.equals(plaintext)).toBe(true);
      const [row] = await database.exec('select payload_sealed, payload_digest from journal_entries');
      const sealed = Buffer.from(row.payload_sealed as Uint8Array);
      expect(sealed.length).toBe(12 + 16 + plaintext.length);
      expect(sealed.includes(plaintext)).toBe(false);
      expect(sealed.toString('latin1')).not.toContain('PAYLOAD-PLAINTEXT-MARKER');
      expect((await sut.trace('p-1'))[0]).toMatchObject({
        payloadDigest: row.payload_digest,
        payloadContentType: 'application/json',
      });
      expect(await sut.payloadOf('no-such-event')).toBeUndefined();
    });

    it("keeps none under 'none': only the digest", async () => {
      const keepNone = await openJournalStore({ ...database.location, payloads: { keep: 'none' } });
      try {
        const event = journalEvent('p-2', 'received', { payload });
        await keepNone.append([event]);

        expect(await keepNone.payloadOf(event.eventId)).toBeUndefined();
        const [row] = await database.exec('select payload_sealed, payload_digest from journal_entries');
        expect(row.payload_sealed).toBeNull();
        expect(row.payload_digest).toMatch(/^[0-9a-f]{64}$/);
        expect((await keepNone.trace('p-2'))[0]?.payloadStatus).toBe('not-kept');
        expect(await keepNone.verifyChain()).toMatchObject({ ok: true, entries: 1 });
      } finally {
        await keepNone.close();
      }
    });

    it('purges the old ones; digests stay and the chain still verifies', async () => {
      const old = journalEvent('p-3', 'received', { payload, at: '2024-01-01T00:00:00.000Z' });
      const recent = journalEvent('p-3', 'routed', { payload, at: '2025-06-01T00:00:00.000Z' });
      await sut.append([old, recent]);

      const purgedAt = new Date('2025-07-01T00:00:00.000Z');
      expect(await sut.purgePayloads(new Date('2025-01-01T00:00:00Z'), purgedAt)).toBe(1);
      expect(await sut.purgePayloads(new Date('2025-01-01T00:00:00Z'))).toBe(0);

      expect(await sut.payloadOf(old.eventId)).toBeUndefined();
      expect((await sut.payloadOf(recent.eventId))?.equals(plaintext)).toBe(true);
      expect((await sut.trace('p-3')).map((entry) => entry.payloadDigest)).toEqual([
        expect.stringMatching(/^[0-9a-f]{64}$/),
        expect.stringMatching(/^[0-9a-f]{64}$/),
      ]);
      expect((await sut.trace('p-3')).map((entry) => [entry.payloadStatus, entry.payloadPurgedAt])).toEqual([
        ['purged', purgedAt.toISOString()],
        ['kept', undefined],
      ]);
      expect(await sut.verifyChain()).toMatchObject({ ok: true, entries: 2 });
    });
  });
});

// The judicial request store on both databases the journal runs on (SQLite file, real PostgreSQL):
// a request stored once, its whole history, applyStatus's refusals carried through with the state
// untouched, receipts apart from the state, reminders that fire once and re-arm after a move, and
// the focal points' figures from a seeded history.
import { openHoldStore } from '@pcms/holds';
import type { JournalDriver } from '@pcms/journal';
import {
  JudicialErrorCode,
  judicialStats,
  openJudicialStore,
  statsCsv,
  type FollowUpPolicy,
  type JudicialDirectory,
  type JudicialStore,
} from '@pcms/judicial';
import { randomBytes, randomUUID } from 'node:crypto';
import { journalTestDatabase, type JournalTestDatabase } from '../journal/journal-databases';
import {
  day,
  extraditionDenied,
  extraditionSurrendered,
  mlaRefused,
  mlaToClosed,
  requestBytes,
  shippedDirectory,
  status,
  walk,
} from './judicial-seed';

jest.setTimeout(60_000);

const URGENT_IN_A_WEEK: FollowUpPolicy = { defaultDays: 30, rules: [{ urgency: 'urgent', days: 7 }] };

describe.each<JournalDriver>(['sqlite', 'postgres'])('judicial store on %s', (driver) => {
  let database: JournalTestDatabase;
  let directory: JudicialDirectory;
  let sut: JudicialStore;

  beforeAll(async () => {
    database = await journalTestDatabase(driver, __filename);
    directory = await shippedDirectory();
    sut = await openJudicialStore({ ...database.location, payloadKey: randomBytes(32) });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  it("shares the journal's database with the holds, each with its own migrations", async () => {
    const holds = await openHoldStore({ ...database.location, payloadKey: randomBytes(32) });
    await holds.close();
    const reopened = await openJudicialStore({ ...database.location, payloadKey: randomBytes(32) });
    await reopened.close();

    const names = async (table: string) =>
      (await database.exec(`select name from ${table} order by name`)).map((row) => row.name);
    expect(await names('judicial_migrations')).toEqual([
      '0001-create-judicial-requests',
      '0002-create-judicial-notice-links',
    ]);
    expect(await names('holds_migrations')).toEqual(expect.arrayContaining(['0001-create-holds']));
  });

  it('stores a request once: the same bytes again are a duplicate, other bytes under its id are refused', async () => {
    const { requestId, bytes } = requestBytes('mla-mali-to-niger');
    const other = Buffer.from(bytes.toString('utf8').replace('ML/PNECO/2026/0142', 'ML/PNECO/2026/0143'));

    const first = await sut.submit(bytes, directory, day(0));
    const again = await sut.submit(bytes, directory, day(1));
    const changed = await sut.submit(other, directory, day(1));

    expect(first).toMatchObject({
      outcome: 'stored',
      request: { requestId, state: 'DRAFT', parties: { requesting: 'ML', requested: 'NE' }, history: [] },
    });
    expect(again).toEqual({ outcome: 'duplicate', request: first.outcome === 'stored' && first.request });
    expect(changed).toMatchObject({ outcome: 'refused', code: JudicialErrorCode.RequestConflict });
    expect(
      await database.exec('select count(*) as n from judicial_requests where request_id = ?', [requestId]),
    ).toEqual([{ n: driver === 'postgres' ? '1' : 1 }]);
    expect(await sut.payload(requestId)).toEqual(bytes);
    // Sealed at rest: the reference is not in the row's bytes.
    const [row] = await database.exec('select sealed_payload from judicial_requests where request_id = ?', [
      requestId,
    ]);
    expect(Buffer.from(row.sealed_payload as Buffer).includes('ML/PNECO/2026/0142')).toBe(false);
  });

  it("seals each request's bytes to its own row: copied onto another request's row they do not open", async () => {
    const one = requestBytes('mla-mali-to-niger');
    const two = requestBytes('mla-mali-to-niger');
    await sut.submit(one.bytes, directory);
    await sut.submit(two.bytes, directory);
    const [sealed] = await database.exec(
      'select sealed_payload from judicial_requests where request_id = ?',
      [one.requestId],
    );

    await database.exec('update judicial_requests set sealed_payload = ? where request_id = ?', [
      sealed.sealed_payload,
      two.requestId,
    ]);

    await expect(sut.payload(two.requestId)).rejects.toMatchObject({
      code: JudicialErrorCode.PayloadUnreadable,
    });
    expect(await sut.payload(one.requestId)).toEqual(one.bytes);
  });

  it('refuses, and does not store, a request against the contract or naming an unknown authority', async () => {
    const invalid = requestBytes('mla-mali-to-niger', { legalBasis: [] });
    const unknown = requestBytes('mla-mali-to-niger', { requested: { authority: 'XX-CA' } });

    expect(await sut.submit(invalid.bytes, directory)).toMatchObject({
      outcome: 'refused',
      code: JudicialErrorCode.RequestInvalid,
      issues: [expect.objectContaining({ path: 'legalBasis' })],
    });
    expect(await sut.submit(unknown.bytes, directory)).toMatchObject({
      outcome: 'refused',
      code: JudicialErrorCode.AuthorityUnknown,
    });
    expect(await sut.find(invalid.requestId)).toBeUndefined();
    expect(await sut.find(unknown.requestId)).toBeUndefined();
  });

  it('keeps the whole history: who moved it, when, why; a redelivered status changes nothing', async () => {
    const { requestId, bytes } = requestBytes('mla-mali-to-niger');
    await sut.submit(bytes, directory, day(0));

    await walk(sut, directory, requestId, mlaToClosed(2, 10));
    const redelivered = await sut.move(status(requestId, ['CLOSED', 'ML-CA', 10]), directory.stateOf);
    // At least once: an older status delivered again is recognised, not refused as illegal.
    const late = await sut.move(status(requestId, ['ACKNOWLEDGED', 'NE-CA', 2]), directory.stateOf);

    expect(redelivered.outcome).toBe('duplicate');
    expect(late.outcome).toBe('duplicate');
    const stored = await sut.find(requestId);
    expect(stored?.state).toBe('CLOSED');
    expect(stored?.lastMoveAt).toBe(day(10).toISOString());
    expect(
      stored?.history.map((change) => `${change.from}>${change.to} ${change.party} ${change.authority}`),
    ).toEqual([
      'DRAFT>SUBMITTED requesting ML-CA',
      'SUBMITTED>RECEIVED requested NE-CA',
      'RECEIVED>ACKNOWLEDGED requested NE-CA',
      'ACKNOWLEDGED>UNDER_REVIEW requested NE-CA',
      'UNDER_REVIEW>ACCEPTED requested NE-CA',
      'ACCEPTED>IN_EXECUTION requested NE-CA',
      'IN_EXECUTION>EXECUTED requested NE-CA',
      'EXECUTED>CLOSED requesting ML-CA',
    ]);
    expect(stored?.history[6]).toEqual({
      from: 'IN_EXECUTION',
      to: 'EXECUTED',
      party: 'requested',
      authority: 'NE-CA',
      at: day(10).toISOString(),
      reason: 'EXECUTED on day 10',
    });
  });

  it("carries applyStatus's refusal codes through the store and leaves the request as it was", async () => {
    const { requestId, bytes } = requestBytes('mla-mali-to-niger');
    await sut.submit(bytes, directory, day(0));
    await walk(sut, directory, requestId, [
      ['SUBMITTED', 'ML-CA', 0],
      ['RECEIVED', 'NE-CA', 1],
      ['ACKNOWLEDGED', 'NE-CA', 1],
      ['UNDER_REVIEW', 'NE-CA', 1],
    ]);
    const refusalOf = async (to: Parameters<typeof status>[1]) => {
      const outcome = await sut.move(status(requestId, to), directory.stateOf);
      return outcome.outcome === 'refused' ? outcome.refusal.code : outcome.outcome;
    };

    expect(await refusalOf(['IN_EXECUTION', 'NE-CA', 2])).toBe(JudicialErrorCode.TransitionIllegal);
    expect(await refusalOf(['ACCEPTED', 'ML-CA', 2])).toBe(JudicialErrorCode.TransitionWrongParty);
    expect(await refusalOf(['ACCEPTED', 'SN-CA', 2])).toBe(JudicialErrorCode.StatusNotAParty);
    expect(await refusalOf(['ACCEPTED', 'XX-CA', 2])).toBe(JudicialErrorCode.AuthorityUnknown);
    expect(await refusalOf(['ACCEPTED', 'NE-CA', 0])).toBe(JudicialErrorCode.StatusInvalid); // before the last move
    const noGrounds = await sut.move({ ...status(requestId, ['REFUSED', 'NE-CA', 2]) }, directory.stateOf);
    expect(noGrounds).toMatchObject({
      outcome: 'refused',
      refusal: { code: JudicialErrorCode.GroundsMissing },
    });
    const unknown = await sut.move(status(randomUUID(), ['SUBMITTED', 'ML-CA', 2]), directory.stateOf);
    expect(unknown).toMatchObject({
      outcome: 'refused',
      refusal: { code: JudicialErrorCode.RequestUnknown },
    });

    const stored = await sut.find(requestId);
    expect(stored?.state).toBe('UNDER_REVIEW');
    expect(stored?.history).toHaveLength(4);
  });

  it('lets one of two statuses applied at once win; the other is judged against the new state', async () => {
    const { requestId, bytes } = requestBytes('mla-mali-to-niger');
    await sut.submit(bytes, directory, day(0));
    await walk(sut, directory, requestId, mlaToClosed(1, 5).slice(0, 4));

    const outcomes = await Promise.all([
      sut.move(status(requestId, ['ACCEPTED', 'NE-CA', 2]), directory.stateOf),
      sut.move(status(requestId, ['INFO_REQUESTED', 'NE-CA', 2]), directory.stateOf),
    ]);

    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['moved', 'refused']);
    expect(outcomes.find((o) => o.outcome === 'refused')).toMatchObject({
      refusal: { code: JudicialErrorCode.TransitionIllegal },
    });
    expect((await sut.find(requestId))?.history).toHaveLength(5);
  });

  it('keeps transport receipts apart from the state, each said once; a negative one must say why', async () => {
    const { requestId, bytes } = requestBytes('mla-mali-to-niger');
    await sut.submit(bytes, directory, day(0));
    const delivered = {
      messageId: randomUUID(),
      requestId,
      evidence: 'delivered',
      issuer: 'NE-CA',
      at: day(0).toISOString(),
    } as const;

    expect(await sut.recordReceipt(delivered)).toEqual({ outcome: 'recorded' });
    expect(await sut.recordReceipt(delivered)).toEqual({ outcome: 'duplicate' });
    expect(await sut.recordReceipt({ ...delivered, evidence: 'not-retrieved' })).toMatchObject({
      outcome: 'refused',
      refusal: { code: JudicialErrorCode.ReceiptInvalid },
    });
    expect(await sut.recordReceipt({ ...delivered, requestId: randomUUID() })).toMatchObject({
      refusal: { code: JudicialErrorCode.RequestUnknown },
    });
    const stored = await sut.find(requestId);
    expect(stored?.receipts).toEqual([delivered]);
    expect(stored?.state).toBe('DRAFT');
  });

  it('fires a reminder once per quiet spell: not before it is due, not on a second scan, again after a new move', async () => {
    const { requestId, bytes } = requestBytes('mla-mali-to-niger'); // urgent: 7 days
    await sut.submit(bytes, directory, day(0));
    await walk(sut, directory, requestId, [['SUBMITTED', 'ML-CA', 0]]);
    const firedFor = async (onDay: number) =>
      (await sut.scanReminders(URGENT_IN_A_WEEK, day(onDay))).filter((r) => r.requestId === requestId);

    expect(await firedFor(6.9)).toEqual([]);
    expect(await firedFor(7)).toEqual([
      {
        requestId,
        armedOn: 1,
        state: 'SUBMITTED',
        days: 7,
        dueAt: day(7).toISOString(),
        firedAt: day(7).toISOString(),
      },
    ]);
    expect(await firedFor(8)).toEqual([]);
    expect(await firedFor(30)).toEqual([]);

    await walk(sut, directory, requestId, [['RECEIVED', 'NE-CA', 31]]);
    expect(await firedFor(37)).toEqual([]);
    expect(await firedFor(38)).toEqual([
      expect.objectContaining({ armedOn: 2, state: 'RECEIVED', dueAt: day(38).toISOString() }),
    ]);
    expect(await firedFor(39)).toEqual([]);
    expect((await sut.find(requestId))?.reminders.map((r) => r.armedOn)).toEqual([1, 2]);
  });

  it('computes the figures per pair of states from a seeded history, and writes them as CSV', async () => {
    const seeded: string[] = [];
    const seed = async (fixture: Parameters<typeof requestBytes>[0], steps: Parameters<typeof walk>[3]) => {
      const { requestId, bytes } = requestBytes(fixture);
      await sut.submit(bytes, directory, day(0));
      await walk(sut, directory, requestId, steps);
      seeded.push(requestId);
    };
    await seed('mla-mali-to-niger', mlaToClosed(2, 10));
    await seed('mla-mali-to-niger', mlaToClosed(4, 20).slice(0, 7)); // EXECUTED, not yet closed
    await seed('mla-mali-to-niger', mlaRefused(9, 'dual-criminality'));
    await seed('extradition-mali-to-senegal', extraditionDenied(1, 'political-offence'));
    await seed('extradition-mali-to-senegal', extraditionSurrendered(3, 30));

    const stats = judicialStats((await sut.list()).filter((r) => seeded.includes(r.requestId)));

    expect(stats).toHaveLength(2);
    const [mali, senegal] = stats;
    expect(mali).toMatchObject({ requesting: 'ML', requested: 'NE', total: 3, acknowledged: 3, executed: 2 });
    expect(mali.byState).toMatchObject({ CLOSED: 1, EXECUTED: 1, REFUSED: 1, DRAFT: 0 });
    // Acknowledged after 2, 4 and 9 days: 4. Executed after 10 and 20: 15.
    expect(mali.medianDaysToAcknowledge).toBe(4);
    expect(mali.medianDaysToExecute).toBe(15);
    expect(mali.refusalsByGround['dual-criminality']).toBe(1);
    expect(senegal).toMatchObject({
      requesting: 'ML',
      requested: 'SN',
      total: 2,
      acknowledged: 2,
      executed: 1,
    });
    expect(senegal.byState).toMatchObject({ DENIED: 1, SURRENDERED: 1 });
    // Acknowledged after 1 and 3 days: 2. Surrendered after 30.
    expect(senegal.medianDaysToAcknowledge).toBe(2);
    expect(senegal.medianDaysToExecute).toBe(30);
    expect(senegal.refusalsByGround['political-offence']).toBe(1);

    const [header, ml, sn, end] = statsCsv(stats).split('\r\n');
    const columns = header.split(',');
    const cell = (row: string, name: string) => row.split(',')[columns.indexOf(name)];
    expect(columns.slice(0, 3)).toEqual(['requesting', 'requested', 'total']);
    expect([cell(ml, 'requesting'), cell(ml, 'requested'), cell(ml, 'total')]).toEqual(['ML', 'NE', '3']);
    expect(cell(ml, 'median_days_to_acknowledge')).toBe('4');
    expect(cell(ml, 'median_days_to_execute')).toBe('15');
    expect(cell(ml, 'refusals.dual-criminality')).toBe('1');
    expect(cell(sn, 'state.SURRENDERED')).toBe('1');
    expect(cell(sn, 'median_days_to_execute')).toBe('30');
    expect(end).toBe('');
  });
});

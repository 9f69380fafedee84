// The holds store on both databases the journal runs on (SQLite file, real PostgreSQL): one hold per
// message, four eyes (an operator counts once), concurrent approvals release once, expiry and the
// forwarding claim each owned by one caller; the held message sealed at rest.
import { openHoldStore, HoldsErrorCode, type HoldDecision, type HoldStore, type NewHold } from '@pcms/holds';
import type { JournalDriver } from '@pcms/journal';
import { randomBytes, randomUUID } from 'node:crypto';
import { journalTestDatabase, type JournalTestDatabase } from '../journal/journal-databases';

jest.setTimeout(60_000);

const HOUR_MS = 3_600_000;

function newHold(overrides: Partial<NewHold> = {}): NewHold {
  return {
    messageId: randomUUID(),
    sender: 'NP-ML',
    type: 'person.wanted',
    classification: 'RESTRICTED',
    destination: 'INTERPOL',
    rule: 'outbound.originator-consent',
    reason: 'the originator has not consented (handling.originatorConsent is false)',
    approvalsRequired: 2,
    expiresAt: new Date(Date.now() + HOUR_MS),
    body: Buffer.from('{"signed":"bytes"}'),
    signature: 'c2lnbmF0dXJl',
    ...overrides,
  };
}

function decision(
  operatorId: string,
  kind: HoldDecision['decision'] = 'approve',
  reason?: string,
): HoldDecision {
  return {
    operatorId,
    decision: kind,
    certificateFingerprint: 'ab'.repeat(32),
    at: new Date().toISOString(),
    ...(reason ? { reason } : {}),
    statement: '{}',
    signature: 'c2ln',
  };
}

describe.each<JournalDriver>(['sqlite', 'postgres'])('hold store on %s', (driver) => {
  let database: JournalTestDatabase;
  let sut: HoldStore;

  beforeAll(async () => {
    database = await journalTestDatabase(driver, __filename);
    sut = await openHoldStore({ ...database.location, payloadKey: randomBytes(32) });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  it('keeps one hold per message: a redelivered message finds the hold it has', async () => {
    const hold = newHold();

    const first = await sut.create(hold);
    const again = await sut.create(hold);

    expect(first.created).toBe(true);
    expect(again).toEqual({ hold: first.hold, created: false });
    expect(await sut.find(hold.messageId)).toMatchObject({
      id: first.hold.id,
      status: 'waiting',
      decisions: [],
    });
  });

  it('counts an operator once, releases on the second operator, then refuses late decisions', async () => {
    const { hold } = await sut.create(newHold());

    const one = await sut.decide(hold.id, decision('OPS-A'));
    const twice = sut.decide(hold.id, decision('OPS-A'));
    await expect(twice).rejects.toMatchObject({ code: HoldsErrorCode.OperatorAlreadyDecided });
    const two = await sut.decide(hold.id, decision('OPS-B'));
    const late = sut.decide(hold.id, decision('OPS-C'));

    expect(one.outcome).toBe('recorded');
    expect(two.outcome).toBe('released');
    expect(two.hold.decisions.map((d) => d.operatorId)).toEqual(['OPS-A', 'OPS-B']);
    await expect(late).rejects.toMatchObject({ code: HoldsErrorCode.NotWaiting });
  });

  it('releases once when the approvals arrive at the same moment', async () => {
    const { hold } = await sut.create(newHold({ approvalsRequired: 2 }));

    const results = await Promise.allSettled(
      ['OPS-1', 'OPS-2', 'OPS-3', 'OPS-4'].map((id) => sut.decide(hold.id, decision(id))),
    );

    const outcomes = results.map((r) =>
      r.status === 'fulfilled' ? r.value.outcome : (r.reason as { code: string }).code,
    );
    expect(outcomes.filter((o) => o === 'released')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(1);
    expect(outcomes.filter((o) => o === String(HoldsErrorCode.NotWaiting))).toHaveLength(2);
    expect((await sut.find(hold.id))?.decisions).toHaveLength(2);
  });

  it('ends a hold on a refusal, with its reason, and drops the message bytes', async () => {
    const { hold } = await sut.create(newHold());

    const result = await sut.decide(hold.id, decision('OPS-A', 'reject', 'subject already arrested'));

    expect(result.outcome).toBe('rejected');
    expect(result.hold).toMatchObject({
      status: 'rejected',
      decisions: [{ reason: 'subject already arrested' }],
    });
    expect(await sut.claimReleased()).not.toContainEqual(
      expect.objectContaining({ hold: expect.objectContaining({ id: hold.id }) }),
    );
  });

  it('expires overdue holds once, and refuses a decision on one past its time', async () => {
    const now = new Date();
    const { hold } = await sut.create(newHold({ expiresAt: new Date(now.getTime() - 1000) }));

    await expect(sut.decide(hold.id, decision('OPS-A'), now)).rejects.toMatchObject({
      code: HoldsErrorCode.Expired,
    });
    const [first, second] = await Promise.all([sut.expireDue(now), sut.expireDue(now)]);

    const ids = [...first, ...second].map((h) => h.id).filter((id) => id === hold.id);
    expect(ids).toEqual([hold.id]);
    expect((await sut.find(hold.id))?.status).toBe('expired');
    expect((await sut.counts()).expired).toBeGreaterThanOrEqual(1);
  });

  it('hands a released hold to one forwarder with its bytes, again only after the lease lapses', async () => {
    const created = newHold({ approvalsRequired: 1 });
    const { hold } = await sut.create(created);
    await sut.decide(hold.id, decision('OPS-A'));
    const now = new Date();

    const [a, b] = await Promise.all([sut.claimReleased(now, 1000), sut.claimReleased(now, 1000)]);
    const mine = [...a, ...b].filter((c) => c.hold.id === hold.id);
    const afterLease = (await sut.claimReleased(new Date(now.getTime() + 2000), 1000)).filter(
      (c) => c.hold.id === hold.id,
    );
    await sut.markForwarded(hold.id);
    const afterForward = (await sut.claimReleased(new Date(now.getTime() + 10_000))).filter(
      (c) => c.hold.id === hold.id,
    );

    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ body: created.body, signature: created.signature });
    expect(afterLease).toHaveLength(1);
    expect(afterForward).toEqual([]);
    expect((await sut.find(hold.id))?.forwardedAt).toEqual(expect.any(String));
  });

  it('lists by status, newest first', async () => {
    const waiting = await sut.list({ status: 'waiting' });

    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((h) => h.status === 'waiting')).toBe(true);
  });

  it('keeps the held message sealed in the table and gives it back byte for byte on release', async () => {
    const created = newHold({
      approvalsRequired: 1,
      body: Buffer.from('{"payload":{"name":"AG ALBACHIR"}}'),
    });
    const { hold } = await sut.create(created);

    const [row] = await database.exec('select sealed_body from holds where id = ?', [hold.id]);
    const stored = Buffer.from(row.sealed_body as Uint8Array);
    await sut.decide(hold.id, decision('OPS-A'));
    const [claimed] = (await sut.claimReleased()).filter((c) => c.hold.id === hold.id);

    expect(stored.equals(created.body)).toBe(false);
    expect(stored.includes(Buffer.from('AG ALBACHIR'))).toBe(false);
    expect(stored.length).toBe(created.body.length + 28);
    expect(claimed).toMatchObject({ readable: true, signature: created.signature });
    expect(claimed.readable && claimed.body.equals(created.body)).toBe(true);
  });

  it('refuses sealed bytes copied from another hold, and ends that hold unverified without its bytes', async () => {
    const { hold: donor } = await sut.create(newHold());
    const { hold } = await sut.create(newHold({ approvalsRequired: 1 }));
    await database.exec(
      'update holds set sealed_body = (select sealed_body from holds where id = ?) where id = ?',
      [donor.id, hold.id],
    );
    await sut.decide(hold.id, decision('OPS-A'));

    const [claimed] = (await sut.claimReleased()).filter((c) => c.hold.id === hold.id);
    const ended = await sut.markUnverified(hold.id);
    const again = await sut.markUnverified(hold.id);
    const [row] = await database.exec('select sealed_body, signature from holds where id = ?', [hold.id]);

    expect(claimed).toMatchObject({ readable: false, failure: { code: HoldsErrorCode.BodyUnreadable } });
    expect(ended?.status).toBe('unverified');
    expect(again).toBeUndefined();
    expect(row).toEqual({ sealed_body: null, signature: null });
    expect((await sut.counts()).unverified).toBeGreaterThanOrEqual(1);
  });
});

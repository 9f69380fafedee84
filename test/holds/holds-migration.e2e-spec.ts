// Migrations 0002 and 0003 on a database left by the release that kept held messages in clear
// (0001): on SQLite and on PostgreSQL, a waiting hold comes out sealed, with the digest its
// approvals will bind, and its bytes come back identical on release; an ended hold stays empty.
import { openHoldStore, type HoldStore } from '@pcms/holds';
import { migrateHoldsTo } from '@pcms/holds/testing';
import type { JournalDriver } from '@pcms/journal';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { journalTestDatabase, type JournalTestDatabase } from '../journal/journal-databases';

jest.setTimeout(60_000);

const HOUR_MS = 3_600_000;

/** A row as 0001 wrote it: the held message in clear in `body`. */
async function insertLegacyHold(
  database: JournalTestDatabase,
  body: Buffer | null,
  status: 'waiting' | 'expired',
): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  const expires = new Date(now.getTime() + HOUR_MS);
  await database.exec(
    `insert into holds (id, message_id, correlation_id, sender, type, classification, destination, rule,
       reason, approvals_required, status, created_at, expires_at, expires_at_ms, decided_at,
       forwarded_at, forward_claimed_until_ms, body, signature, updated_at)
     values (?, ?, null, 'NP-ML', 'person.wanted', 'RESTRICTED', 'INTERPOL', 'outbound.originator-consent',
       'no consent', 1, ?, ?, ?, ?, null, null, null, ?, ?, ?)`,
    [
      id,
      randomUUID(),
      status,
      now.toISOString(),
      expires.toISOString(),
      expires.getTime(),
      body,
      body ? 'c2lnbmF0dXJl' : null,
      now.toISOString(),
    ],
  );
  return id;
}

describe.each<JournalDriver>(['sqlite', 'postgres'])('holds migrations on %s', (driver) => {
  const payloadKey = randomBytes(32);
  const clear = Buffer.from('{"payload":{"name":"AG ALBACHIR"},"note":"é\\u0000"}', 'utf8');
  let database: JournalTestDatabase;
  let waitingId: string;
  let endedId: string;
  let sut: HoldStore;

  beforeAll(async () => {
    database = await journalTestDatabase(driver, __filename);
    await migrateHoldsTo(database.location, payloadKey, '0001-create-holds');
    waitingId = await insertLegacyHold(database, clear, 'waiting');
    endedId = await insertLegacyHold(database, null, 'expired');
    sut = await openHoldStore({ ...database.location, payloadKey });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  it('seals the clear message 0001 kept, drops the clear column and records its digest', async () => {
    const [row] = await database.exec('select * from holds where id = ?', [waitingId]);
    const sealed = Buffer.from(row.sealed_body as Uint8Array);

    expect(Object.keys(row)).not.toContain('body');
    expect(sealed.length).toBe(clear.length + 28);
    expect(sealed.includes(Buffer.from('AG ALBACHIR'))).toBe(false);
    expect(row.message_sha256).toBe(createHash('sha256').update(clear).digest('hex'));
  });

  it('leaves an ended hold without bytes and without a digest', async () => {
    const [row] = await database.exec('select sealed_body, message_sha256 from holds where id = ?', [
      endedId,
    ]);

    expect(row).toEqual({ sealed_body: null, message_sha256: null });
    expect((await sut.find(endedId))?.messageSha256).toBeUndefined();
  });

  it('gives the migrated message back byte for byte when the hold is released', async () => {
    await sut.decide(waitingId, {
      operatorId: 'OPS-A',
      decision: 'approve',
      certificateFingerprint: 'ab'.repeat(32),
      at: new Date().toISOString(),
      statement: '{}',
      signature: 'c2ln',
    });

    const [claimed] = (await sut.claimReleased()).filter((c) => c.hold.id === waitingId);

    expect(claimed).toMatchObject({ readable: true, signature: 'c2lnbmF0dXJl' });
    expect(claimed.readable && claimed.body.equals(clear)).toBe(true);
  });
});

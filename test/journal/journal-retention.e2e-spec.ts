// The payload retention purge as the journal writer runs it: a bull repeatable job on the real
// Redis, against the journal on SQLite and on PostgreSQL. Entries, digests and hashes stay.
import { randomBytes } from 'node:crypto';
import { openJournalStore, type JournalDriver, type JournalStore } from '@pcms/journal';
import { JournalRetentionSchedule, type RetentionLogger } from '@pcms/journal-emitter';
import { Redis } from 'ioredis';
import { expectEventually } from '../support/expect-eventually';
import { uniqueNamespace } from '../support/unique-namespace';
import { journalTestDatabase, type JournalTestDatabase } from './journal-databases';
import { journalEvent } from './journal-events.fixture';

const REDIS_URL = process.env.PCMS_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DAY_MS = 24 * 60 * 60 * 1000;
const quiet: RetentionLogger = { info: () => undefined, error: () => undefined };

jest.setTimeout(60_000);

describe.each<JournalDriver>(['sqlite', 'postgres'])('JournalRetentionSchedule on %s', (driver) => {
  const keyPrefix = `pcms-test:${uniqueNamespace(__filename)}${driver}`;
  const payload = { contentType: 'application/json', base64: Buffer.from('{"secret":1}').toString('base64') };
  let database: JournalTestDatabase;
  let store: JournalStore;
  const running: JournalRetentionSchedule[] = [];

  const schedule = (everyMs: number): JournalRetentionSchedule => {
    const sut = new JournalRetentionSchedule(store, {
      redisUrl: REDIS_URL,
      keyPrefix,
      retentionDays: 30,
      everyMs,
      logger: quiet,
    });
    running.push(sut);
    return sut;
  };

  beforeAll(async () => {
    database = await journalTestDatabase(driver, __filename);
    store = await openJournalStore({
      ...database.location,
      payloads: { keep: 'encrypted', key: randomBytes(32) },
    });
  });

  afterEach(async () => {
    for (const sut of running.splice(0)) await sut.stop();
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('purges the payloads older than the retention period; the chain still verifies', async () => {
    const now = Date.now();
    const old = journalEvent('r-1', 'received', { payload, at: new Date(now - 31 * DAY_MS).toISOString() });
    const recent = journalEvent('r-2', 'received', {
      payload,
      at: new Date(now - 29 * DAY_MS).toISOString(),
    });
    await store.append([old, recent]);
    const before = await store.verifyChain();

    await schedule(200).start();

    await expectEventually(async () => expect((await store.trace('r-1'))[0]?.payloadStatus).toBe('purged'), {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    expect(await store.payloadOf(old.eventId)).toBeUndefined();
    expect((await store.trace('r-2'))[0]?.payloadStatus).toBe('kept');
    expect((await store.payloadOf(recent.eventId))?.toString()).toBe('{"secret":1}');
    expect((await store.trace('r-1'))[0]?.payloadDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.verifyChain()).toEqual(before);
  });

  it('keeps one repeat entry across restarts, and replaces it when the interval changes', async () => {
    const first = schedule(60_000);
    await first.start();
    await first.stop();
    const again = schedule(60_000);
    await again.start();
    expect((await again.schedules()).map((job) => Number(job.every))).toEqual([60_000]);
    await again.stop();

    const changed = schedule(120_000);
    await changed.start();
    expect((await changed.schedules()).map((job) => Number(job.every))).toEqual([120_000]);
  });
});

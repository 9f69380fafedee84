// Issue 12: inbound notices are deduplicated on the notice's own bytes, not on the envelope the
// gateway makes of it (each mapping gets createdAt = now, so two receptions never have the same
// envelope bytes; the id, derived from the notice's bytes, is the same). A peer that retries after
// losing the gateway's 202 must not give any platform a second copy, even when the door's claim is
// gone (the i247-adapter died after handing the notice on and before completing its claim, and the
// claim's lease lapsed): then the door takes the retry as new and hands it on again, and the
// router's route ledger, keyed by that same id, publishes nothing twice. Counted in each
// platform's queue, raw copies, after a barrier notice sent afterwards has arrived everywhere.
import { Redis } from 'ioredis';
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PlatformId } from '@pcms/envelope';
import { expectEventually } from '../support/expect-eventually';
import { RED_MALI_NIGER } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(60_000);

/** The platforms a RED notice for a Malian national wanted by Niger concerns. */
const CONCERNED: readonly PlatformId[] = ['NP-ML', 'NP-NE', 'RP'];

describe('a notice the peer sends twice', () => {
  let gateway: GatewayHarness;
  let redis: Redis;
  /** Every raw copy read from each concerned platform's queue, by envelope id. */
  const copies = new Map<string, number>();

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    await gateway.startAll();
    redis = new Redis(gateway.config.redis.url);
  });

  afterAll(async () => {
    await redis?.quit();
    await gateway?.stop();
  });

  /** The fixture as another notice (its own NoticeID): other bytes, so another id. */
  const aNotice = (): Buffer =>
    Buffer.from(
      readFileSync(RED_MALI_NIGER, 'utf8').replace(
        '<NoticeID>2025/48213</NoticeID>',
        `<NoticeID>2025/${randomInt(10_000, 99_999)}</NoticeID>`,
      ),
    );

  async function send(notice: Buffer): Promise<{ status: number; messageId: string }> {
    const response = await gateway.peerSender().send(notice, randomUUID());
    return {
      status: response.status,
      messageId: (JSON.parse(response.body) as { messageId: string }).messageId,
    };
  }

  /** Reads every concerned queue until `barrierId` is in all of them; counts each copy read. */
  async function countUntil(barrierId: string): Promise<void> {
    const arrived = new Set<PlatformId>();
    await expectEventually(
      async () => {
        for (const platform of CONCERNED) {
          for (const { envelope } of await gateway.platform(platform).drain()) {
            const key = `${platform}:${envelope.id}`;
            copies.set(key, (copies.get(key) ?? 0) + 1);
            if (envelope.id === barrierId) arrived.add(platform);
          }
        }
        expect([...arrived].sort()).toEqual([...CONCERNED].sort());
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  const copiesAt = (messageId: string): Record<string, number> =>
    Object.fromEntries(CONCERNED.map((platform) => [platform, copies.get(`${platform}:${messageId}`) ?? 0]));

  it('after a lost 202: the retry is answered as a duplicate, each platform has one copy', async () => {
    const notice = aNotice();

    const first = await send(notice);
    const retry = await send(notice);
    const barrier = await send(aNotice());
    await countUntil(barrier.messageId);

    expect([first.status, retry.status, barrier.status]).toEqual([202, 200, 202]);
    expect(retry.messageId).toBe(first.messageId);
    expect(copiesAt(first.messageId)).toEqual({ 'NP-ML': 1, 'NP-NE': 1, RP: 1 });
  });

  it("after the door's claim lapsed: the retry is handed on again with other envelope bytes, and still no platform gets it twice", async () => {
    const notice = aNotice();

    const first = await send(notice);
    // What a door SIGKILLed between its confirmed publish and its claim's completion leaves once the
    // claim's lease (60 s) has lapsed: no trace of the notice in the door's dedupe store.
    await redis.del(`${gateway.config.redis.keyPrefix}:dedupe:inbound:${first.messageId}`);
    const retry = await send(notice);
    const barrier = await send(aNotice());
    await countUntil(barrier.messageId);

    expect([first.status, retry.status, barrier.status]).toEqual([202, 202, 202]);
    expect(retry.messageId).toBe(first.messageId);
    expect(copiesAt(first.messageId)).toEqual({ 'NP-ML': 1, 'NP-NE': 1, RP: 1 });
  });
});

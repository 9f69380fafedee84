// Two instances of every gateway app on one namespace, Redis prefix and journal, as
// `npm start -- --instances 2` runs them (issue 12, point 1): 200 messages submitted through the
// pcms-adapter's AMQP door to INTERPOL (the I-24/7 peer) and RP each arrive once at both, every
// copy counted (the peer's receipts log, which records duplicate deliveries too, and RP's queue
// read to the end, after a barrier message), and each instance of each app did part of the work.
import { PLATFORM_IDS } from '@pcms/envelope';
import { GatewayMetrics } from '@pcms/observability';
import type { ReceivedMessage } from '@pcms/platform-client';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness, type InstancedAppName } from '../support/gateway.harness';

jest.setTimeout(240_000);

const MESSAGES = 200;
const APPS: readonly InstancedAppName[] = ['journal-writer', 'pcms-adapter', 'router', 'i247-adapter'];

describe('two instances of every app', () => {
  let gateway: GatewayHarness;
  const rp: ReceivedMessage[] = [];

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename, { attempts: 3, backoffMs: 100 });
    await gateway.startAll();
    for (const app of APPS) await gateway.startInstance(app, 2);
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  /** RP's queue, read on from where the last look stopped. */
  async function readRp(): Promise<ReceivedMessage[]> {
    rp.push(...(await gateway.platform('RP').drain()));
    return rp;
  }

  const copiesOf = (ids: readonly string[]): Map<string, number> => {
    const copies = new Map<string, number>();
    for (const id of ids) copies.set(id, (copies.get(id) ?? 0) + 1);
    return copies;
  };

  /** A counter of one process: its /metrics when it serves them, else its registry (the journal writer has no port). */
  async function counter(name: string, metric: RegExp): Promise<number> {
    const text = name.startsWith('journal-writer')
      ? await gateway.running(name).get!(GatewayMetrics).registry.metrics()
      : await gateway.metrics(name);
    return [...text.matchAll(metric)].reduce((sum, match) => sum + Number(match[1]), 0);
  }

  it('delivers each of 200 messages once to the peer and once to RP, with both instances of each app at work', async () => {
    const client = gateway.platform('NP-ML');
    const ids: string[] = [];
    for (let i = 0; i < MESSAGES; i += 1) {
      const message = personWanted({ recipients: ['INTERPOL', 'RP'] });
      ids.push(message.id);
      await client.submit(message);
    }
    const expected = new Set(ids);
    await expectEventually(
      async () => {
        const stored = new Set((await gateway.inbox.receipts()).map((receipt) => receipt.messageId));
        const atRp = new Set((await readRp()).map((message) => message.envelope.id));
        expect(ids.filter((id) => !stored.has(id))).toEqual([]);
        expect(ids.filter((id) => !atRp.has(id))).toEqual([]);
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );

    // The barrier: one more message, sent after all 200 arrived; read until it is there too.
    const barrier = personWanted({ recipients: ['INTERPOL', 'RP'] });
    await client.submit(barrier);
    await expectEventually(
      async () => {
        expect((await gateway.inbox.receipts()).map((receipt) => receipt.messageId)).toContain(barrier.id);
        expect((await readRp()).map((message) => message.envelope.id)).toContain(barrier.id);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );

    const receipts = (await gateway.inbox.receipts()).filter((receipt) => expected.has(receipt.messageId));
    const atPeer = copiesOf(receipts.map((receipt) => receipt.messageId));
    const atRp = copiesOf(
      (await readRp()).map((message) => message.envelope.id).filter((id) => expected.has(id)),
    );
    expect([...atPeer.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect([...atRp.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect([atPeer.size, atRp.size]).toEqual([MESSAGES, MESSAGES]);
    expect(receipts.filter((receipt) => receipt.stored !== 'new')).toEqual([]);
    // Nobody else got a copy, nothing was refused.
    for (const platform of PLATFORM_IDS.filter((id) => id !== 'RP')) {
      expect(await gateway.platform(platform).drain()).toEqual([]);
    }
    expect(
      (await gateway.stats.peekDeadLetters(500)).filter((letter) => expected.has(letter.messageId ?? '')),
    ).toEqual([]);

    const consumed = /^pcms_messages_accepted_total\{[^}]*stage="consumed"[^}]*\} (\d+)$/gm;
    const appended = /^pcms_journal_events_appended_total(?:\{[^}]*\})? (\d+)$/gm;
    const shares: Record<string, number> = {};
    for (const app of APPS) {
      for (const name of [app, `${app}#2`]) {
        shares[name] = await counter(name, app === 'journal-writer' ? appended : consumed);
      }
    }
    for (const [name, share] of Object.entries(shares)) {
      expect({ name, share: share > 0 }).toEqual({ name, share: true });
    }
  });
});

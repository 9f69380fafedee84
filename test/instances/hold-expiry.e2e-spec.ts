// Two routers on one gateway, both ticking over the same holds (issue 12, point 1): the hold ticker
// runs in every router, without a lease, because each of its state changes is a conditional
// update that one router wins (see HoldTicker). Proved here by counting: thirty holds that fall
// overdue while both routers tick are each reported once (one warning, one counter step, one
// journal entry), counted after both routers stopped, so after their last tick.
import { holdStoreFromConfig, type HoldStore, type NewHold } from '@pcms/holds';
import { randomUUID } from 'node:crypto';
import { HoldTicker } from '../../apps/router/src/hold.ticker';
import { expectEventually } from '../support/expect-eventually';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(120_000);

const HOLDS = 30;

describe('two routers over the same overdue holds', () => {
  let gateway: GatewayHarness;
  let store: HoldStore;
  const holdIds: string[] = [];
  const messageIds: string[] = [];

  const overdue = (): NewHold => ({
    messageId: randomUUID(),
    sender: 'NP-ML',
    type: 'person.wanted',
    classification: 'RESTRICTED',
    destination: 'INTERPOL',
    rule: 'outbound.originator-consent',
    reason: 'the originator has not consented to release outside PCMS',
    approvalsRequired: 2,
    expiresAt: new Date(Date.now() - 1000),
    body: Buffer.from('{}'),
    signature: '',
  });

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename, undefined, { journalDriver: 'sqlite' });
    await gateway.startAll();
    await gateway.startInstance('router', 2);
    store = await holdStoreFromConfig(gateway.config);
  });

  afterAll(async () => {
    await store?.close();
    await gateway?.stop();
  });

  const expiryWarnings = () =>
    gateway.logs.warnings('router').filter((line) => line.code === 'HOLD_EXPIRED' && line.stage === 'hold');
  const expiredCount = (metrics: string) =>
    Number(/^pcms_holds_expired_total(?:\{[^}]*\})? (\d+)$/m.exec(metrics)?.[1] ?? 0);

  it('reports each hold that expires once, whichever router ticks first', async () => {
    for (const created of await Promise.all(Array.from({ length: HOLDS }, () => store.create(overdue())))) {
      holdIds.push(created.hold.id);
      messageIds.push(created.hold.messageId);
    }
    // Both routers tick at the same instant, besides their own clocks: they meet on every hold.
    const tickers = ['router', 'router#2'].map((name) => gateway.running(name).get!(HoldTicker));
    await Promise.all(tickers.map((ticker) => ticker.tick()));
    await expectEventually(
      async () => {
        const holds = await Promise.all(holdIds.map((id) => store.find(id)));
        expect(holds.filter((hold) => hold?.status === 'expired')).toHaveLength(HOLDS);
        expect(expiryWarnings().length).toBeGreaterThanOrEqual(HOLDS);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const counted =
      expiredCount(await gateway.metrics('router')) + expiredCount(await gateway.metrics('router#2'));
    // The barrier: a router's shutdown waits for its tick in progress.
    await gateway.stopApp('router');
    await gateway.stopApp('router#2');

    const reported = expiryWarnings().map((line) => String(line.holdId));
    expect(reported.sort()).toEqual([...holdIds].sort());
    expect(counted).toBe(HOLDS);
    const journal = await gateway.journal();
    for (const messageId of messageIds) {
      const failed = await expectEventually(async () => {
        const entries = (await journal.trace(messageId)).filter((entry) => entry.stage === 'failed');
        expect(entries).toHaveLength(1);
        return entries;
      });
      expect(failed[0]?.details).toMatchObject({ code: 'HOLD_EXPIRED' });
    }
  });
});

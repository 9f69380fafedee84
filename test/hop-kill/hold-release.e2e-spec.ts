// Issue 12, hold release → mark forwarded: a router that dies after publishing a released hold and
// before marking it forwarded leaves the hold claimed; once the claim lapses (holds.claimSeconds)
// a tick forwards it again. Simulated without a kill: the router's hold store refuses
// markForwarded once, as if the process had died right there, and the next tick runs at an
// instant past the claim. Every copy the routers publish to INTERPOL is counted on the bus, by a
// queue of the test's own bound to interpol.#; the peer's receipts are counted too.
import type { Abstract } from '@nestjs/common';
import type { Hold, HoldStore } from '@pcms/holds';
import { issuePartyCertificate, PkiStore } from '@pcms/trust';
import { join } from 'node:path';
import { HOLD_STORE } from '../../apps/router/src/hold-store.token';
import { HoldTicker } from '../../apps/router/src/hold.ticker';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(90_000);

describe('a released hold whose router died before marking it forwarded', () => {
  let gateway: GatewayHarness;
  let spyQueue: string;

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename, undefined, { journalDriver: 'sqlite' });
    const pki = PkiStore.open(gateway.config.paths.pki);
    for (const id of ['OPS-A', 'OPS-B']) issuePartyCertificate(pki, { id, role: 'operator' });
    await gateway.startAll();
    spyQueue = `${gateway.config.amqp.namespace}test.interpol-copies`;
    await gateway.amqp.withTemporaryChannel(async (channel) => {
      await channel.assertQueue(spyQueue, { durable: false });
      await channel.bindQueue(spyQueue, gateway.topology.exchanges.bus.name, 'interpol.#');
    });
  });

  afterAll(async () => {
    await gateway?.amqp.withTemporaryChannel((channel) => channel.deleteQueue(spyQueue));
    await gateway?.stop();
  });

  /** Takes what the spy queue holds; returns the message ids of the copies. */
  const copiesOnTheBus = (): Promise<string[]> =>
    gateway.amqp.withTemporaryChannel(async (channel) => {
      const ids: string[] = [];
      for (let message = await channel.get(spyQueue); message; message = await channel.get(spyQueue)) {
        ids.push(String(message.properties.messageId));
        channel.ack(message);
      }
      return ids;
    });

  it('is forwarded again after its claim lapsed, and INTERPOL gets one copy', async () => {
    const router = gateway.running('router');
    const store = router.get!(HOLD_STORE as unknown as Abstract<HoldStore>);
    const markForwarded = store.markForwarded.bind(store);
    let refusals = 0;
    store.markForwarded = (holdId, now) => {
      if (refusals === 0) {
        refusals += 1;
        return Promise.reject(new Error('the router died after its publish'));
      }
      return markForwarded(holdId, now);
    };
    const message = personWanted({
      recipients: ['INTERPOL'],
      handling: { releasableTo: ['INTERPOL'], originatorConsent: false },
    });
    await gateway.platform('NP-ML').submit(message);
    const hold = await expectEventually(
      async () => {
        const { output, exitCode } = await runCli(gateway.config, 'hold', 'show', message.id, '--json');
        expect(exitCode).toBe(0);
        return JSON.parse(output) as Hold;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    for (const operator of ['OPS-A', 'OPS-B']) {
      const certificate = join(gateway.config.paths.pki, `${operator}.crt`);
      expect(
        (await runCli(gateway.config, 'hold', 'approve', hold.id, '--operator', certificate)).exitCode,
      ).toBe(0);
    }

    // The router's own tick publishes it and fails to mark it: the hold stays claimed.
    const copies: string[] = [];
    await expectEventually(
      async () => {
        copies.push(...(await copiesOnTheBus()));
        expect({ copies, refusals }).toEqual({ copies: [message.id], refusals: 1 });
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    // A tick once the claim has lapsed (a router restarted, or another one) forwards it again.
    const lapsed = new Date(Date.now() + (gateway.config.holds.claimSeconds + 5) * 1000);
    await router.get!(HoldTicker).tick(lapsed);
    expect((await store.find(hold.id))?.forwardedAt).toEqual(expect.any(String));
    copies.push(...(await copiesOnTheBus()));

    expect(copies).toEqual([message.id]);
    await expectEventually(
      async () =>
        expect((await gateway.inbox.receipts()).filter((r) => r.messageId === message.id)).toHaveLength(1),
      { timeoutMs: 30_000 },
    );
  });
});

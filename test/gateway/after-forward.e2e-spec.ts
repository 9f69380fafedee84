// A failure after the next hop was confirmed is retried without doing that hop again (issue 12):
// the platform delivery whose journal events fail after its publish, and the router whose hold
// fails after its forward, each leave exactly one copy in RP's queue. The fault: the journal
// exchange stops routing one stage (its publish comes back unroutable) while every other stage
// still reaches the journal writer.
import { canonicalBytes } from '@pcms/envelope';
import { JOURNAL_STAGES } from '@pcms/journal';
import type { PcmsEnvelope } from '@pcms/envelope';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(90_000);

describe('a failure after the next hop was confirmed', () => {
  let gateway: GatewayHarness;
  const seen: string[] = [];

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    await gateway.startAll();
  });

  afterAll(async () => {
    await journalRoutes('#');
    await gateway.stop();
  });

  /** Binds the journal writer's queue to every stage but `refused` (`'#'`: all of them again). */
  async function journalRoutes(refused: string): Promise<void> {
    const { journal } = gateway.topology.exchanges;
    const queue = gateway.topology.queues.journalWriter.name;
    await gateway.amqp.withTemporaryChannel(async (channel) => {
      if (refused === '#') {
        await channel.bindQueue(queue, journal.name, 'journal.#');
        for (const stage of JOURNAL_STAGES)
          await channel.unbindQueue(queue, journal.name, `journal.${stage}`);
        return;
      }
      for (const stage of JOURNAL_STAGES) {
        if (stage !== refused) await channel.bindQueue(queue, journal.name, `journal.${stage}`);
      }
      await channel.unbindQueue(queue, journal.name, 'journal.#');
    });
  }

  async function copiesAtRp(id: string): Promise<number> {
    seen.push(...(await gateway.platform('RP').drain()).map((m) => m.envelope.id));
    return seen.filter((seenId) => seenId === id).length;
  }

  async function journaled(id: string, stage: string): Promise<void> {
    const journal = await gateway.journal();
    await expectEventually(
      async () => expect((await journal.trace(id)).map((e) => e.stage)).toContain(stage),
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );
  }

  /** A later message reaches RP: had `message` been forwarded again, its copy would be there. */
  async function onceAtRp(message: PcmsEnvelope, sendBarrier: (barrier: PcmsEnvelope) => Promise<void>) {
    const barrier = personWanted({ recipients: ['RP'] });
    await sendBarrier(barrier);
    await expectEventually(async () => expect(await copiesAtRp(barrier.id)).toBe(1), { timeoutMs: 20_000 });
    expect(await copiesAtRp(message.id)).toBe(1);
    const letters = await gateway.stats.peekDeadLetters(500);
    expect(letters.filter((l) => l.messageId === message.id)).toEqual([]);
  }

  it("delivers to a platform once when the delivery's journal events fail after the publish", async () => {
    const deliver = (envelope: PcmsEnvelope) =>
      gateway.amqp.publish(gateway.topology.routes.deliver('RP'), canonicalBytes(envelope), {
        messageId: envelope.id,
        headers: { 'pcms-signature': '' },
      });
    const message = personWanted({ recipients: ['RP'] });
    // The delivery's `signed` and `delivered` travel as one message, routed by the first stage.
    await journalRoutes('signed');

    await deliver(message);
    await expectEventually(async () => expect(await copiesAtRp(message.id)).toBe(1), { timeoutMs: 20_000 });
    await journalRoutes('#');
    await journaled(message.id, 'delivered');

    await onceAtRp(message, deliver);
  });

  it('forwards once when the hold fails after the forward', async () => {
    // RP gets it at once; INTERPOL waits for operators (rule outbound.originator-consent).
    const message = personWanted({
      recipients: ['INTERPOL', 'RP'],
      handling: { releasableTo: ['INTERPOL'], originatorConsent: false },
    });
    await journalRoutes('held');

    await gateway.platform('NP-ML').submit(message);
    await expectEventually(async () => expect(await copiesAtRp(message.id)).toBe(1), { timeoutMs: 20_000 });
    await journalRoutes('#');
    await journaled(message.id, 'held');

    await onceAtRp(message, (barrier) => gateway.platform('NP-ML').submit(barrier));
  });
});

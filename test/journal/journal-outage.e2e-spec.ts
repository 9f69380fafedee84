// PostgreSQL gone for a moment under the journal writer (issue 12): the batch it cannot commit is
// retried after growing delays, not spun, and every event is written once the database is back.
// The writer reaches PostgreSQL through a proxy the test turns down and up; the machine's
// PostgreSQL is never touched.
import type { RunningApp } from '@pcms/runtime';
import { startJournalWriter } from '../../apps/journal-writer/src/journal-writer.app';
import { deleteWaitQueues } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';
import { startTcpFaultProxy, type TcpFaultProxy } from '../support/tcp-fault-proxy';

jest.setTimeout(90_000);

const RETRY = { delaysMs: [300, 600, 1200], maxAttempts: 8 };

describe('a short PostgreSQL outage under the journal writer', () => {
  let gateway: GatewayHarness;
  let proxy: TcpFaultProxy;

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename, undefined, { journalDriver: 'postgres' });
    const direct = new URL(gateway.config.journal.postgresUrl);
    proxy = await startTcpFaultProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(direct);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    await gateway.startAll();
    await gateway.stopJournalWriter();
    const apps = (gateway as unknown as { apps: Map<string, RunningApp> }).apps;
    apps.set(
      'journal-writer',
      await startJournalWriter({
        ...gateway.config,
        journal: { ...gateway.config.journal, postgresUrl: proxied.toString() },
        amqp: { ...gateway.config.amqp, retry: RETRY },
      }),
    );
  });

  afterAll(async () => {
    proxy.up();
    try {
      await gateway.stop();
    } finally {
      // The harness removes its own layout; the wait queues of these delays are this file's.
      await deleteWaitQueues(gateway.config.amqp.namespace, RETRY);
      await proxy.close();
    }
  });

  it('retries the batch with growing delays and writes every event once PostgreSQL is back', async () => {
    const message = personWanted({ recipients: ['RP'] });
    proxy.down();

    await gateway.platform('NP-ML').submit(message);
    // Three failed commits: the first right away, the next after the retry delays.
    await expectEventually(() => expect(proxy.refused.length).toBeGreaterThanOrEqual(3), {
      timeoutMs: 20_000,
    });
    const [first, , third] = proxy.refused;
    expect(third - first).toBeGreaterThanOrEqual(RETRY.delaysMs[0] + RETRY.delaysMs[1] - 50);
    proxy.up();

    const journal = await gateway.journal();
    await expectEventually(
      async () => expect((await journal.trace(message.id)).map((e) => e.stage)).toContain('delivered'),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const letters = await gateway.stats.peekDeadLetters(500);
    expect(letters.filter((l) => l.messageId === message.id)).toEqual([]);
  });
});

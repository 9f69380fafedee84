// `dlq list` (and `status`) once dead letters have piled up: the one an operator just caused comes first, and the
// list says how many older ones it did not show. Dead letters are put straight into the namespace's
// dead-letter queue, as the consumers leave them; no gateway process is needed to read them.
import { DeadLetterHeader } from '@pcms/messaging';
import { runCli } from '../support/cli-runner';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(60_000);

interface ListedJson {
  total: number;
  shown: number;
  letters: { messageId: string; failedAt: string }[];
}

describe('dlq list', () => {
  let gateway: GatewayHarness;
  const ids = Array.from({ length: 25 }, (_, n) => `letter-${String(n).padStart(2, '0')}`);

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    const queue = gateway.topology.declaration.deadLetterQueue;
    const start = Date.parse('2026-03-01T08:00:00.000Z');
    await gateway.amqp.withTemporaryChannel(async (channel) => {
      ids.forEach((messageId, n) =>
        channel.sendToQueue(queue, Buffer.from('{}'), {
          messageId,
          headers: {
            [DeadLetterHeader.errorCode]: 'DELIVERY_FAILED',
            [DeadLetterHeader.errorReason]: `attempt ${n}`,
            [DeadLetterHeader.stage]: 'deliver',
            [DeadLetterHeader.failedAt]: new Date(start + n * 60_000).toISOString(),
            [DeadLetterHeader.originalQueue]: 'i247-adapter.delivery',
          },
        }),
      );
      // The depth is read back on the same channel: the broker has them all before the CLI looks.
      await channel.checkQueue(queue);
    });
  });

  afterAll(() => gateway.stop());

  it('shows the newest twenty first and counts the five older ones it leaves out', async () => {
    const { output, exitCode } = await runCli(gateway.config, 'dlq', 'list');

    expect(exitCode).toBe(0);
    expect(output).toContain('25 dead letters, newest first: 20 shown, 5 older not shown');
    expect(output).toContain('25 lettres mortes, les plus récentes d’abord : 20 affichées, 5 plus anciennes');
    const listed = [...output.matchAll(/ (letter-\d\d) /g)].map((m) => m[1]);
    expect(listed).toEqual([...ids].reverse().slice(0, 20));
  });

  it('--json: newest first with the total, and the queue is left as it was', async () => {
    const { output } = await runCli(gateway.config, 'dlq', 'list', '--limit', '3', '--json');

    const listed = JSON.parse(output) as ListedJson;
    expect(listed).toMatchObject({ total: 25, shown: 3 });
    expect(listed.letters.map((l) => l.messageId)).toEqual(['letter-24', 'letter-23', 'letter-22']);
    const again = JSON.parse(
      (await runCli(gateway.config, 'dlq', 'list', '--limit', '100', '--json')).output,
    ) as ListedJson;
    expect(again.letters.map((l) => l.messageId)).toEqual([...ids].reverse());
  });

  it('status: the latest dead letters are the newest, out of how many', async () => {
    const { output } = await runCli(gateway.config, 'status', '--dead-letters', '2');

    expect(output).toContain('Dead letters (latest 2 of 25):');
    expect(output).toContain('Lettres mortes (2 dernières sur 25) :');
    expect([...output.matchAll(/ (letter-\d\d) /g)].map((m) => m[1])).toEqual(['letter-24', 'letter-23']);
  });
});

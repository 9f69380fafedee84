// The command line as an operator uses it, against the running gateway: send, status, mapping test.
import { expectEventually } from '../support/expect-eventually';
import { OUTBOUND_FIXTURE } from '../support/fixtures';
import { runCli } from '../support/cli-runner';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(60_000);

describe('pcms CLI', () => {
  let gateway: GatewayHarness;

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    await gateway.startAll();
  });

  afterAll(() => gateway.stop());

  const run = async (...args: string[]) => (await runCli(gateway.config, ...args)).output;

  it('send: signs the file as NP-ML and the notice reaches the peer', async () => {
    const output = await run('send', `${OUTBOUND_FIXTURE}.input.json`, '--as', 'NP-ML', '--new-id');

    const [, messageId] = /Submitted ([0-9a-f-]{36}) as NP-ML/.exec(output) ?? [];
    expect(messageId).toBeDefined();
    expect(output).toContain('Soumis');
    await expectEventually(
      async () => {
        expect((await gateway.inbox.receipts()).map((receipt) => receipt.messageId)).toContain(messageId);
      },
      { timeoutMs: 20_000 },
    );
  });

  it('status --json: lists every queue of the namespace with its consumers', async () => {
    const status = JSON.parse(await run('status', '--json')) as {
      queues: { queue: string; consumerCount: number }[];
    };

    const submissions = status.queues.find(
      (queue) => queue.queue === gateway.topology.queues.adapterSubmissions.name,
    );
    expect(submissions?.consumerCount).toBe(1);
    expect(status.queues).toHaveLength(gateway.topology.declaration.queues.length);
  });

  it('mapping test: runs every fixture and reports them passed', async () => {
    const output = await run('mapping', 'test');

    expect(output).toMatch(/^(\d+) passed, 0 failed$/m);
    expect(process.exitCode ?? 0).toBe(0);
  });
});

// Dead letters as an operator handles them, on a real run: a delivery that failed because the peer
// was down is replayed once the peer is back; another is discarded with its reason journalled.
// On both journal databases: the replay's two attempts must show in either.
import { DeadLetterDesk, DeadLettersErrorCode, type DeadLetterSummary } from '@pcms/dead-letters';
import type { JournalDriver, JournalEntry } from '@pcms/journal';
import { JournalEmitter } from '@pcms/journal-emitter';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { runCli } from '../support/cli-runner';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(120_000);

const SLOW = { timeoutMs: 45_000, intervalMs: 250 };

describe.each<JournalDriver>(['sqlite', 'postgres'])(`${DeadLetterDesk.name} on %s`, (driver) => {
  let gateway: GatewayHarness;

  beforeAll(async () => {
    // Two quick attempts: a delivery to a stopped peer is dead-lettered within a second.
    gateway = await GatewayHarness.create(
      __filename,
      { attempts: 2, backoffMs: 100 },
      { journalDriver: driver },
    );
    await gateway.startAll();
  });

  afterAll(() => gateway.stop());

  const cli = (...args: string[]) => runCli(gateway.config, ...args);

  const listed = async (): Promise<DeadLetterSummary[]> =>
    (
      JSON.parse((await cli('dlq', 'list', '--limit', '100', '--json')).output) as {
        letters: DeadLetterSummary[];
      }
    ).letters;
  const traceOf = async (messageId: string): Promise<JournalEntry[]> =>
    JSON.parse((await cli('trace', messageId, '--json')).output) as JournalEntry[];

  /** Submits a notice for INTERPOL while the peer is down and waits for its dead letter. */
  async function deadLetteredDelivery(): Promise<{ id: string; letter: DeadLetterSummary }> {
    await gateway.stopPeer();
    const message = personWanted({ recipients: ['INTERPOL'] });
    await gateway.platform('NP-ML').submit(message);
    const letter = await expectEventually(async () => {
      const found = (await listed()).find((l) => l.messageId === message.id);
      expect(found).toBeDefined();
      return found as DeadLetterSummary;
    }, SLOW);
    return { id: message.id, letter };
  }

  it('lists a failed delivery with its code, reason, stage and origin', async () => {
    const { id, letter } = await deadLetteredDelivery();
    await gateway.startPeer();

    expect(letter).toMatchObject({
      messageId: id,
      code: expect.stringMatching(/^[A-Z_]+$/),
      reason: expect.stringContaining('after 2 attempts'),
      stage: 'deliver',
      originalQueue: 'i247-adapter.delivery',
      failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const text = (await cli('dlq', 'list')).output;
    expect(text).toContain(id);
    expect(text).toContain(letter.code);
    expect(text).toMatch(/\d+ lettres? mortes?/u);
  });

  it('replays a delivery once the peer is back: delivered exactly once, journalled in order', async () => {
    const { id, letter } = await deadLetteredDelivery();
    await gateway.startPeer();

    const replay = await cli('dlq', 'replay', id, '--operator', 'op-ml-7', '--json');
    expect(replay.exitCode).toBe(0);
    expect(JSON.parse(replay.output)).toEqual({ messageId: id, code: letter.code, to: 'delivery:requeued' });

    const trace = await expectEventually(async () => {
      const entries = await traceOf(id);
      expect(entries.map((e) => e.stage).slice(-4)).toEqual([
        'failed',
        'dead-lettered',
        'replayed',
        'delivered',
      ]);
      return entries;
    }, SLOW);
    expect(trace.find((e) => e.stage === 'replayed')).toMatchObject({
      app: 'pcms-cli',
      details: { code: letter.code, operator: 'op-ml-7', to: 'delivery:requeued' },
    });
    const receipts = (await gateway.inbox.receipts()).filter((r) => r.messageId === id);
    expect(receipts).toEqual([expect.objectContaining({ stored: 'new' })]);
    expect((await listed()).map((l) => l.messageId)).not.toContain(id);

    const again = await cli('dlq', 'replay', id, '--operator', 'op-ml-7', '--json');
    expect(again.exitCode).toBe(1);
    expect(JSON.parse(again.output)).toMatchObject({ error: DeadLettersErrorCode.DEAD_LETTER_NOT_FOUND });
  });

  it('discards one dead letter with its reason journalled and leaves the others in the queue', async () => {
    const kept = await deadLetteredDelivery();
    const dropped = await deadLetteredDelivery();
    await gateway.startPeer();

    const discard = await cli(
      'dlq',
      'discard',
      dropped.id,
      '--reason',
      'superseded by a corrected notice',
      '--operator',
      'op-ne-2',
      '--json',
    );
    expect(discard.exitCode).toBe(0);

    const remaining = (await listed()).map((l) => l.messageId);
    expect(remaining).not.toContain(dropped.id);
    expect(remaining).toContain(kept.id);
    await expectEventually(async () => {
      const last = (await traceOf(dropped.id)).at(-1);
      expect(last).toMatchObject({
        stage: 'dead-lettered',
        app: 'pcms-cli',
        details: { discarded: true, reason: 'superseded by a corrected notice', operator: 'op-ne-2' },
      });
    }, SLOW);
    expect((await gateway.inbox.receipts()).map((r) => r.messageId)).not.toContain(dropped.id);
  });

  it('sends a consumer dead letter back to the queue it failed in, with its original headers', async () => {
    // A sender mismatch is refused by the adapter: replayed, it fails the same way and comes back.
    // The same code again (not a missing signature) shows its original headers travelled with it.
    const message = personWanted({ sender: 'NP-NE' });
    await gateway.platform('NP-ML').submit(message);
    const first = await expectEventually(async () => {
      const found = (await listed()).find((l) => l.messageId === message.id);
      expect(found).toBeDefined();
      return found as DeadLetterSummary;
    }, SLOW);
    const queue = gateway.topology.queues.adapterSubmissions.name;
    expect(first.originalQueue).toBe(queue);

    const replay = await cli('dlq', 'replay', message.id, '--operator', 'op-ml-7', '--json');
    expect(JSON.parse(replay.output)).toMatchObject({
      to: `queue:${gateway.topology.exchanges.submissions.name}/${first.originalRoutingKey}`,
    });
    await expectEventually(async () => {
      const again = (await listed()).filter((l) => l.messageId === message.id);
      expect(again).toEqual([expect.objectContaining({ code: first.code, originalQueue: queue })]);
      expect(again[0]?.failedAt).not.toBe(first.failedAt);
    }, SLOW);
  });

  it('refuses with a code to replay what came through an HTTPS door, and keeps it', async () => {
    const id = `https-door-${Date.now()}`;
    await gateway.amqp.quarantine(
      Buffer.from('{}'),
      { code: 'SIGNATURE_INVALID', reason: 'test quarantine', stage: 'verify' },
      { messageId: id, origin: 'pcms-adapter.https' },
    );
    const desk = new DeadLetterDesk(
      gateway.amqp,
      gateway.topology,
      new JournalEmitter(gateway.amqp, gateway.topology, 'pcms-cli'),
    );
    await expect(desk.replay(id, 'op-ml-7')).rejects.toMatchObject({
      code: DeadLettersErrorCode.NOT_REPLAYABLE,
    });
    const { output, exitCode } = await cli('dlq', 'replay', id, '--operator', 'op-ml-7');
    expect(exitCode).toBe(1);
    expect(output).toContain(DeadLettersErrorCode.NOT_REPLAYABLE);
    expect((await listed()).map((l) => l.messageId)).toContain(id);
  });
});

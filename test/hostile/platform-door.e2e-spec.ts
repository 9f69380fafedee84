// Every hostile input of the corpus at the platforms' AMQP door: refused with its exact code in
// the dead-letter queue (or, for a same-bytes retry, dropped and never delivered twice), and the
// gateway keeps carrying good messages, right after each case and after a flood of 200.
import { OversizeRecordHeader } from '@pcms/pipeline';
import { CmsSigner } from '@pcms/trust';
import { createHash, randomUUID } from 'node:crypto';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';
import { corpusBytes, hostileCases, type HostileCase } from './support/hostile-corpus';

jest.setTimeout(120_000);

const DEADLINE = { timeoutMs: 30_000, intervalMs: 100 };

describe('hostile input at the platform door (AMQP)', () => {
  let gateway: GatewayHarness;

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    await gateway.startAll();
  });

  afterAll(() => gateway.stop());

  async function receiptsOf(messageId: string): Promise<number> {
    return (await gateway.inbox.receipts()).filter((receipt) => receipt.messageId === messageId).length;
  }

  async function delivered(messageId: string): Promise<void> {
    await expectEventually(async () => expect(await receiptsOf(messageId)).toBeGreaterThan(0), DEADLINE);
  }

  /** The signature a case asks for, over its own bytes or a companion file's. */
  function signatureFor(
    hostile: HostileCase,
    body: Buffer,
    vars: { id: string; now: Date },
  ): Buffer | undefined {
    const recipe = hostile.expected.signature ?? { by: 'NP-ML' };
    if (recipe === 'none') return undefined;
    if ('raw' in recipe) return Buffer.from(recipe.raw, 'base64');
    const credential =
      recipe.by === 'wrong-issuer' ? gateway.pki.wrongIssuer : gateway.pki.credential(recipe.by);
    const signed = recipe.over ? corpusBytes('envelope', recipe.over, vars) : body;
    return new CmsSigner(credential).sign(signed);
  }

  async function submitCase(hostile: HostileCase, id: string): Promise<Buffer> {
    const vars = { id, now: new Date() };
    const body = corpusBytes('envelope', hostile.file, vars, hostile.expected.padToBytes);
    const signer = new CmsSigner(gateway.pki.credential('NP-ML'));
    for (const first of hostile.expected.before ?? []) {
      const bytes = first === 'self' ? body : corpusBytes('envelope', first, vars);
      await gateway.platform('NP-ML').submitSigned(bytes, signer.sign(bytes), id);
      await delivered(id);
    }
    const platform = gateway.platform(hostile.expected.submitAs ?? 'NP-ML');
    await platform.submitSigned(body, signatureFor(hostile, body, vars), id);
    return body;
  }

  async function goodMessageCrosses(): Promise<void> {
    const good = personWanted();
    await gateway.platform('NP-ML').submit(good);
    await delivered(good.id);
  }

  const cases = hostileCases('envelope');

  it('holds at least the cases the threat model names', () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'deeply-nested',
        'huge',
        'duplicate-key',
        'proto-key',
        'constructor-key',
        'invalid-utf8',
        'replayed-same-bytes',
        'reused-id-other-bytes',
        'created-far-past',
        'created-far-future',
        'signature-stripped',
        'signature-swapped',
        'signature-over-other-content',
        'sender-lie',
        'aliases-over-schema',
        'nul-in-name',
        'rlo-in-name',
        'birth-date-future',
        'upper-case-id',
        'utf16',
        'blank-name',
        'decimal-height',
      ]),
    );
  });

  it.each(cases.filter((c) => c.expected.outcome === 'dead-letter').map((c) => [c.name, c] as const))(
    'quarantines %s with its exact code, then still carries a good message',
    async (_name, hostile) => {
      const id = randomUUID();
      const body = await submitCase(hostile, id);

      const letter = await gateway.deadLetterOf(id);
      expect({ code: letter.code, stage: letter.stage }).toEqual({
        code: hostile.expected.code,
        stage: hostile.expected.stage,
      });
      if (hostile.expected.reasonContains) expect(letter.reason).toContain(hostile.expected.reasonContains);
      // A body refused for its size is recorded, never kept (oversize.e2e-spec.ts checks the record).
      expect(letter.body.equals(hostile.expected.stage === 'size' ? Buffer.alloc(0) : body)).toBe(true);
      expect(letter.headers).toMatchObject({
        [OversizeRecordHeader.DOOR]: 'amqp',
        [OversizeRecordHeader.CLIENT]: hostile.expected.submitAs ?? 'NP-ML',
        [OversizeRecordHeader.BODY_BYTES]: body.length,
        [OversizeRecordHeader.HEAD_SHA256]: createHash('sha256').update(body.subarray(0, 4096)).digest('hex'),
      });
      await goodMessageCrosses();
    },
  );

  it.each(cases.filter((c) => c.expected.outcome === 'dropped').map((c) => [c.name, c] as const))(
    'drops %s without a dead letter and never delivers it twice',
    async (_name, hostile) => {
      const id = randomUUID();
      await submitCase(hostile, id);

      // The good message queued behind the retry crosses; by then the retry was handled.
      await goodMessageCrosses();
      expect(await receiptsOf(id)).toBe(1);
      const letters = await gateway.stats.peekDeadLetters(200);
      expect(letters.filter((letter) => letter.messageId === id)).toEqual([]);
    },
  );

  it('delivers nothing of a message its INTERPOL copy could not carry: no half delivery', async () => {
    // Addressed to INTERPOL and RP: 10,000 aliases once reached RP while the notice was dead-lettered.
    const refused = personWanted();
    const aliases = Array.from({ length: 10_000 }, (_, index) => ({ familyName: `ALIAS ${index}` }));
    refused.payload.subject.aliases = aliases;
    await gateway.platform('NP-ML').submit(refused);

    const letter = await gateway.deadLetterOf(refused.id);
    expect({ code: letter.code, stage: letter.stage }).toEqual({
      code: 'ENVELOPE_INVALID',
      stage: 'validate',
    });

    // The barrier: submitted after, to the same recipients; once both have it, the refused one
    // would have arrived too.
    const barrier = personWanted();
    await gateway.platform('NP-ML').submit(barrier);
    const seenByRp: string[] = [];
    await expectEventually(async () => {
      seenByRp.push(...(await gateway.platform('RP').drain()).map((message) => message.envelope.id));
      expect(seenByRp).toContain(barrier.id);
    }, DEADLINE);
    await delivered(barrier.id);
    expect(seenByRp).not.toContain(refused.id);
    expect(await receiptsOf(refused.id)).toBe(0);
    const letters = await gateway.stats.peekDeadLetters(200);
    expect(letters.filter((dead) => dead.messageId === refused.id)).toHaveLength(1);
  });

  it('counts every refusal by code and stage, and the retry as a duplicate', async () => {
    const refused = cases.filter((c) => c.expected.outcome === 'dead-letter');

    const text = await expectEventually(async () => {
      const metrics = await gateway.metrics('pcms-adapter');
      expect(metrics).toMatch(/^pcms_messages_duplicate_total\{[^}]*\} [1-9]/m);
      return metrics;
    }, DEADLINE);

    for (const { expected } of refused) {
      const counted = new RegExp(
        `^pcms_messages_rejected_total\\{[^}]*code="${expected.code}",stage="${expected.stage}"[^}]*\\} [1-9]`,
        'm',
      );
      expect(text).toMatch(counted);
    }
  });

  it('keeps serving a good message while 200 hostile messages are queued at once', async () => {
    const floodable = cases.filter((c) => c.expected.outcome === 'dead-letter' && !c.expected.before);
    const before = await gateway.stats.queueDepths([gateway.topology.declaration.deadLetterQueue]);
    const ids = Array.from({ length: 200 }, () => randomUUID());
    await Promise.all(ids.map((id, index) => submitCase(floodable[index % floodable.length], id)));

    await goodMessageCrosses();

    await expectEventually(
      async () => {
        const [after] = await gateway.stats.queueDepths([gateway.topology.declaration.deadLetterQueue]);
        expect(after.messageCount - before[0].messageCount).toBe(200);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  });
});

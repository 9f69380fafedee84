// Every hostile notice of the corpus at the peer's HTTPS door (mutual TLS): refused with its exact
// code, quarantined with it in the dead-letter queue, and a good notice sent right after still
// reaches the regional platform.
import { OversizeRecordHeader } from '@pcms/pipeline';
import { postSignedDocument, SignedHttpError } from '@pcms/signed-http';
import { CmsSigner, type Credential } from '@pcms/trust';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expectEventually } from '../support/expect-eventually';
import { RED_MALI_NIGER } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';
import { httpsCall } from '../support/https-request';
import { corpusBytes, hostileCases, type HostileCase } from './support/hostile-corpus';

jest.setTimeout(120_000);

const DEADLINE = { timeoutMs: 30_000, intervalMs: 100 };

describe('hostile input at the peer door (HTTPS)', () => {
  let gateway: GatewayHarness;
  const seenByRp = new Set<string>();

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    await gateway.startAll();
  });

  afterAll(() => gateway.stop());

  function credentialOf(id: string | undefined): Credential {
    return id === undefined ? gateway.pki.peer : gateway.pki.credential(id);
  }

  /** Posts the case's bytes as the case says: which TLS client, which signature. */
  async function post(hostile: HostileCase, body: Buffer, messageId: string): Promise<unknown> {
    const recipe = hostile.expected.signature;
    const client = credentialOf(hostile.expected.client);
    const signer =
      recipe === undefined
        ? gateway.pki.peer
        : recipe !== 'none' && 'by' in recipe
          ? credentialOf(recipe.by)
          : undefined;
    const signature =
      recipe !== undefined && recipe !== 'none' && 'raw' in recipe
        ? Buffer.from(recipe.raw, 'base64')
        : signer
          ? new CmsSigner(signer).sign(body)
          : Buffer.alloc(0);
    return postSignedDocument({
      url: gateway.config.peer.gatewayUrl,
      body,
      contentType: 'application/xml',
      signatureDer: signature,
      messageId,
      tls: {
        certificatePem: client.certificatePem,
        privateKeyPem: client.privateKeyPem,
        caPem: gateway.pki.ca.certificatePem,
        expectedServerId: 'GATEWAY',
      },
      timeoutMs: 10_000,
    }).catch((error: unknown) => error);
  }

  /** A valid notice made unique by a comment (its PCMS id derives from its bytes) reaches RP. */
  async function goodNoticeCrosses(): Promise<void> {
    const notice = readFileSync(RED_MALI_NIGER, 'utf8').replace(
      '<Notice ',
      `<!-- ${randomUUID()} -->\n<Notice `,
    );
    const response = await gateway.peerSender().send(Buffer.from(notice), randomUUID());
    expect(response.status).toBe(202);
    const { messageId } = JSON.parse(response.body) as { messageId: string };
    await expectEventually(async () => {
      for (const message of await gateway.platform('RP').drain()) seenByRp.add(message.envelope.id);
      expect(seenByRp.has(messageId)).toBe(true);
    }, DEADLINE);
  }

  it("answers what the door has no route for with a code, not the framework's bare JSON", async () => {
    const peer = gateway.pki.peer;
    const origin = new URL(gateway.config.peer.gatewayUrl).origin;

    const answers = await Promise.all(
      [`${origin}/inbound/other`, gateway.config.peer.gatewayUrl].map((url, index) =>
        httpsCall({
          url,
          method: index === 0 ? 'POST' : 'GET',
          credential: peer,
          caPem: gateway.pki.ca.certificatePem,
          body: index === 0 ? Buffer.from('<Notice/>') : undefined,
        }),
      ),
    );

    expect(answers).toEqual([
      { status: 404, json: expect.objectContaining({ code: 'HTTP_404' }) },
      { status: 404, json: expect.objectContaining({ code: 'HTTP_404' }) },
    ]);
  });

  const cases = hostileCases('notice');

  it('holds at least the cases the threat model names', () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'doctype',
        'external-entity',
        'billion-laughs',
        'deep-nesting',
        'huge-attribute',
        'invalid-utf8',
        'wrong-namespace',
        'signature-stripped',
        'utf16',
        'rlo-in-name',
        'rlo-reference',
      ]),
    );
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    'refuses %s with its exact code, quarantines it, then still carries a good notice',
    async (_name, hostile) => {
      const messageId = randomUUID();
      const body = corpusBytes(
        'notice',
        hostile.file,
        { id: messageId, now: new Date() },
        hostile.expected.padToBytes,
      );

      const refusal = await post(hostile, body, messageId);

      expect(refusal).toBeInstanceOf(SignedHttpError);
      expect(JSON.parse((refusal as SignedHttpError).responseBody ?? '{}')).toMatchObject({
        code: hostile.expected.code,
      });
      const letter = await gateway.deadLetterOf(messageId);
      expect({ code: letter.code, stage: letter.stage }).toEqual({
        code: hostile.expected.code,
        stage: hostile.expected.stage,
      });
      expect(letter.body.equals(body)).toBe(true);
      expect(letter.headers).toMatchObject({
        [OversizeRecordHeader.DOOR]: 'https',
        [OversizeRecordHeader.CLIENT]: hostile.expected.client ?? gateway.config.i247Adapter.peerId,
        [OversizeRecordHeader.BODY_BYTES]: body.length,
        [OversizeRecordHeader.HEAD_SHA256]: createHash('sha256').update(body.subarray(0, 4096)).digest('hex'),
      });
      await goodNoticeCrosses();
    },
  );
});

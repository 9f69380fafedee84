// A body past limits.maxMessageBytes, at each of the three doors: refused with our code (never the
// framework's bare 413) and recorded in the dead-letter queue as SECURITY.md says: its size, the
// door, the client, the SHA-256 of its first bytes, and no byte of the body itself.
import { OversizeRecordHeader } from '@pcms/pipeline';
import { postSignedDocument, SignedHttpError, OVERSIZE_HEAD_BYTES } from '@pcms/signed-http';
import { CmsSigner } from '@pcms/trust';
import type { DeadLetter } from '@pcms/messaging';
import { createHash, randomUUID } from 'node:crypto';
import { expectEventually } from '../support/expect-eventually';
import { httpsCall } from '../support/https-request';
import { SuiteGateway } from '../support/suite-gateway';

jest.setTimeout(120_000);

const DEADLINE = { timeoutMs: 30_000, intervalMs: 100 };

function headSha256(body: Buffer): string {
  return createHash('sha256').update(body.subarray(0, OVERSIZE_HEAD_BYTES)).digest('hex');
}

/** Distinct first bytes per test, so that each record is found by its digest alone. */
function oversizeBody(bytes: number): Buffer {
  const body = Buffer.alloc(bytes, 0x20);
  body.write(`{"padding":"${randomUUID()}"`);
  return body;
}

describe('oversize bodies at the three doors', () => {
  const suite = SuiteGateway.start(__filename);

  async function letterWithHead(digest: string): Promise<DeadLetter> {
    return expectEventually(async () => {
      const letters = await suite.gateway.stats.peekDeadLetters(500);
      const letter = letters.find((l) => l.headers[OversizeRecordHeader.HEAD_SHA256] === digest);
      expect(letter).toBeDefined();
      return letter as DeadLetter;
    }, DEADLINE);
  }

  function expectRecord(letter: DeadLetter, body: Buffer, door: string, client: string): void {
    expect(letter.body.length).toBe(0);
    expect(letter.headers).toMatchObject({
      [OversizeRecordHeader.DOOR]: door,
      [OversizeRecordHeader.CLIENT]: client,
      [OversizeRecordHeader.BODY_BYTES]: body.length,
      [OversizeRecordHeader.HEAD_SHA256]: headSha256(body),
      [OversizeRecordHeader.HEAD_BYTES]: OVERSIZE_HEAD_BYTES,
    });
  }

  it('records, never keeps, an oversize submission on the AMQP door', async () => {
    const id = randomUUID();
    const body = oversizeBody(suite.gateway.config.limits.maxMessageBytes + 1);
    const signer = new CmsSigner(suite.gateway.pki.credential('NP-ML'));

    await suite.gateway.platform('NP-ML').submitSigned(body, signer.sign(body), id);

    const letter = await suite.gateway.deadLetterOf(id);
    expect({ code: letter.code, stage: letter.stage }).toEqual({
      code: 'SUBMISSION_TOO_LARGE',
      stage: 'size',
    });
    expectRecord(letter, body, 'amqp', 'NP-ML');
  });

  it('answers an oversize submission on the HTTPS door with its code, and records it', async () => {
    const body = oversizeBody(suite.gateway.config.limits.maxMessageBytes + 1);

    const answer = await httpsCall({
      url: `${suite.gateway.appUrl('pcms-adapter')}/submissions`,
      method: 'POST',
      credential: suite.gateway.pki.platforms['NP-ML'],
      caPem: suite.gateway.pki.ca.certificatePem,
      body,
    });

    expect(answer.status).toBe(413);
    expect(answer.json).toMatchObject({ code: 'SUBMISSION_TOO_LARGE' });
    const letter = await letterWithHead(headSha256(body));
    expect({ code: letter.code, stage: letter.stage }).toEqual({
      code: 'SUBMISSION_TOO_LARGE',
      stage: 'size',
    });
    expectRecord(letter, body, 'https', 'NP-ML');
  });

  it("answers the peer's 20 MB notice with INBOUND_TOO_LARGE, not the framework's 413, and records it", async () => {
    const messageId = randomUUID();
    const body = oversizeBody(20 * 1024 * 1024);
    const peer = suite.gateway.pki.peer;

    const refusal = await postSignedDocument({
      url: suite.gateway.config.peer.gatewayUrl,
      body,
      contentType: 'application/xml',
      signatureDer: new CmsSigner(peer).sign(body),
      messageId,
      tls: {
        certificatePem: peer.certificatePem,
        privateKeyPem: peer.privateKeyPem,
        caPem: suite.gateway.pki.ca.certificatePem,
        expectedServerId: 'GATEWAY',
      },
      timeoutMs: 30_000,
    }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(SignedHttpError);
    expect((refusal as SignedHttpError).status).toBe(413);
    expect(JSON.parse((refusal as SignedHttpError).responseBody ?? '{}')).toMatchObject({
      code: 'INBOUND_TOO_LARGE',
    });
    const letter = await suite.gateway.deadLetterOf(messageId);
    expect({ code: letter.code, stage: letter.stage }).toEqual({ code: 'INBOUND_TOO_LARGE', stage: 'size' });
    expectRecord(letter, body, 'https', suite.gateway.config.i247Adapter.peerId);
  });
});

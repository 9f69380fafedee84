// Each bad input lands in the dead-letter queue with its code, reason and stage, and stops nothing:
// a good message sent right after still crosses.
import { canonicalBytes } from '@pcms/envelope';
import { CmsSigner, issueCertificate, type Credential } from '@pcms/trust';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(60_000);

describe('bad input at the platform door', () => {
  let gateway: GatewayHarness;

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    await gateway.startAll();
  });

  afterAll(() => gateway.stop());

  function signedBy(credential: Credential, body: Buffer): Buffer {
    return new CmsSigner(credential).sign(body);
  }

  it.each([
    [
      'a tampered payload',
      'SIGNATURE_INVALID',
      'verify',
      (body: Buffer) => ({
        body: Buffer.from(body.toString('utf8').replace('"familyName":"', '"familyName":"X')),
        signature: signedBy(gateway.pki.platforms['NP-ML'], body),
        as: 'NP-ML' as const,
      }),
    ],
    [
      'an unknown signer',
      'CERTIFICATE_UNTRUSTED',
      'verify',
      (body: Buffer) => ({
        body,
        signature: signedBy(gateway.pki.wrongIssuer, body),
        as: 'NP-ML' as const,
      }),
    ],
    [
      'sender spoofing (signed by NP-BF, claiming NP-ML)',
      'SUBMISSION_SENDER_MISMATCH',
      'identity',
      (body: Buffer) => ({
        body,
        signature: signedBy(gateway.pki.platforms['NP-BF'], body),
        as: 'NP-BF' as const,
      }),
    ],
    [
      'an expired certificate',
      'CERTIFICATE_EXPIRED',
      'verify',
      (body: Buffer) => ({
        body,
        signature: signedBy(gateway.pki.expired, body),
        as: 'NP-ML' as const,
      }),
    ],
    [
      // The HTTPS door checked the certificate's role; this door checked only its id.
      'an operator certificate that carries NP-ML as its id',
      'SUBMISSION_SIGNER_NOT_PLATFORM',
      'identity',
      (body: Buffer) => ({
        body,
        signature: signedBy(
          issueCertificate({ issuer: gateway.pki.ca, subjectId: 'NP-ML', role: 'operator' }),
          body,
        ),
        as: 'NP-ML' as const,
      }),
    ],
    [
      'no signature',
      'SIGNATURE_MISSING',
      'verify',
      (body: Buffer) => ({ body, signature: undefined, as: 'NP-ML' as const }),
    ],
  ])('quarantines %s with %s at %s', async (_case, code, stage, build) => {
    const message = personWanted();
    const input = build(canonicalBytes(message));

    await gateway.platform(input.as).submitSigned(input.body, input.signature, message.id);

    const letter = await gateway.deadLetterOf(message.id);
    expect(letter).toMatchObject({ code, stage });
    expect(letter.reason?.length).toBeGreaterThan(5);
    expect(letter.body).toEqual(input.body);
  });

  it('quarantines an invalid envelope with every issue in the reason', async () => {
    const message = { ...personWanted(), classification: 'TOP SECRET' };

    await gateway.platform('NP-ML').submit(message as never);

    const letter = await gateway.deadLetterOf(message.id);
    expect(letter).toMatchObject({ code: 'ENVELOPE_INVALID', stage: 'validate' });
    expect(letter.reason).toContain('classification');
  });

  it('quarantines a message not releasable to INTERPOL, naming the rule', async () => {
    const message = personWanted({ handling: { releasableTo: [], originatorConsent: false } });

    await gateway.platform('NP-ML').submit(message);

    const letter = await gateway.deadLetterOf(message.id);
    expect(letter).toMatchObject({ code: 'ROUTING_NOT_RELEASABLE', stage: 'route' });
    expect(letter.reason).toContain('outbound.releasability');
  });

  it('still carries a good message after all of them', async () => {
    const message = personWanted();

    await gateway.platform('NP-ML').submit(message);

    await expectEventually(
      async () => {
        expect((await gateway.inbox.receipts()).map((receipt) => receipt.messageId)).toContain(message.id);
      },
      { timeoutMs: 20_000 },
    );
  });
});

import { canonicalBytes, type PcmsEnvelope } from '@pcms/envelope';
import type { ClaimResult, DedupeStore } from '@pcms/dedupe';
import { CmsSigner, issueCertificate, SignatureVerifier, type Credential } from '@pcms/trust';
import { createTestPki } from '@pcms/trust/testing';
import { randomUUID } from 'node:crypto';
import { PipelineRejection } from './stage';
import { SubmissionPipeline, SubmissionRejectionCode } from './submission.pipeline';

/** Redis is exercised by the integration tests; here only the claim results matter. */
class ClaimsInMemory {
  readonly done = new Map<string, Buffer>();
  claim(id: string, content: Buffer): Promise<ClaimResult> {
    const held = this.done.get(id);
    if (held === undefined) return Promise.resolve('new');
    return Promise.resolve(held.equals(content) ? 'duplicate' : 'conflict');
  }
}

const NOW = new Date('2026-11-20T10:00:00Z');
const LIMITS = { maxBytes: 64 * 1024, maxJsonDepth: 32, maxClockSkewSeconds: 300, maxMessageAgeHours: 24 };

describe(SubmissionPipeline.name, () => {
  const pki = createTestPki();
  const claims = new ClaimsInMemory();
  const sut = new SubmissionPipeline(
    new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] }),
    claims as unknown as DedupeStore,
    LIMITS,
    () => NOW,
  );

  function envelope(overrides: Partial<PcmsEnvelope> = {}): PcmsEnvelope {
    return {
      id: randomUUID(),
      version: '1.0',
      type: 'incident.report',
      sender: 'NP-ML',
      recipients: ['RP'],
      classification: 'RESTRICTED',
      handling: { releasableTo: [], originatorConsent: false },
      createdAt: '2026-11-20T10:00:00Z',
      payload: { summary: 'checkpoint attacked' },
      ...overrides,
    };
  }

  function signed(message: PcmsEnvelope, credential: Credential = pki.platforms['NP-ML']) {
    const body = canonicalBytes(message);
    return { body, signature: new CmsSigner(credential).sign(body) };
  }

  async function rejection(run: Promise<unknown>): Promise<PipelineRejection> {
    const error = await run.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PipelineRejection);
    return error as PipelineRejection;
  }

  it('accepts a message signed by its sender, naming the signer', async () => {
    const message = envelope();

    const result = await sut.run({ ...signed(message), submittedAs: 'NP-ML' });

    expect(result).toMatchObject({ kind: 'accepted', envelope: message, signer: { signerId: 'NP-ML' } });
  });

  it('reports a message already processed with the same bytes as a duplicate', async () => {
    const message = envelope();
    const submission = signed(message);
    claims.done.set(message.id, submission.body);

    const result = await sut.run(submission);

    expect(result.kind).toBe('duplicate');
  });

  it('refuses an id already used for other bytes, at the dedupe stage', async () => {
    const message = envelope();
    claims.done.set(message.id, signed(message).body);

    const error = await rejection(sut.run(signed({ ...message, recipients: ['RP', 'NP-NE'] })));

    expect(error).toMatchObject({ code: SubmissionRejectionCode.ID_REUSED, stage: 'dedupe' });
  });

  it.each([
    ['within the clock skew ahead', '2026-11-20T10:04:59Z', undefined],
    ['just under the maximum age', '2026-11-19T10:00:01Z', undefined],
    ['in another zone, same instant', '2026-11-20T11:00:00+01:00', undefined],
    ['beyond the clock skew', '2026-11-20T10:05:01Z', SubmissionRejectionCode.FROM_FUTURE],
    ['far in the future', '2999-01-01T00:00:00Z', SubmissionRejectionCode.FROM_FUTURE],
    ['older than the maximum age', '2026-11-19T09:59:59Z', SubmissionRejectionCode.STALE],
    ['far in the past', '2001-01-01T00:00:00Z', SubmissionRejectionCode.STALE],
  ])('judges a createdAt %s at the freshness stage', async (_label, createdAt, code) => {
    const run = sut.run(signed(envelope({ createdAt })));

    if (code === undefined) expect((await run).kind).toBe('accepted');
    else expect(await rejection(run)).toMatchObject({ code, stage: 'freshness' });
  });

  it('refuses, at validate, signed bytes that are not the canonical form of their envelope', async () => {
    const body = Buffer.from(JSON.stringify(envelope(), null, 2));
    const signature = new CmsSigner(pki.platforms['NP-ML']).sign(body);

    expect(await rejection(sut.run({ body, signature }))).toMatchObject({
      code: 'ENVELOPE_NOT_CANONICAL',
      stage: 'validate',
    });
  });

  it('refuses, at the identity stage, an envelope whose sender is not its signer', async () => {
    const error = await rejection(sut.run(signed(envelope({ sender: 'NP-ML' }), pki.platforms['NP-BF'])));

    expect(error).toMatchObject({ code: SubmissionRejectionCode.SENDER_MISMATCH, stage: 'identity' });
  });

  it('refuses a platform submitting through another platform’s route', async () => {
    const error = await rejection(sut.run({ ...signed(envelope()), submittedAs: 'NP-NE' }));

    expect(error).toMatchObject({ code: SubmissionRejectionCode.WRONG_ROUTE, stage: 'identity' });
  });

  // The HTTPS door always checked the client certificate's role; the AMQP door checked only the id.
  it.each(['operator', 'gateway', 'peer'] as const)(
    'refuses, at the identity stage, a certificate of role %s that carries the id of the sender and its route',
    async (role) => {
      const impostor = issueCertificate({ issuer: pki.ca, subjectId: 'NP-ML', role });

      const error = await rejection(sut.run({ ...signed(envelope(), impostor), submittedAs: 'NP-ML' }));

      expect(error).toMatchObject({ code: SubmissionRejectionCode.SIGNER_NOT_PLATFORM, stage: 'identity' });
      expect(error.reason).toContain(`role ${role}`);
    },
  );

  it('checks the signature before reading the bytes, and the size before anything', async () => {
    const tooBig = { body: Buffer.alloc(64 * 1024 + 1), signature: undefined };

    expect(await rejection(sut.run(tooBig))).toMatchObject({
      code: SubmissionRejectionCode.TOO_LARGE,
      stage: 'size',
    });
    expect(await rejection(sut.run({ body: Buffer.from('{not json'), signature: undefined }))).toMatchObject({
      code: 'SIGNATURE_MISSING',
      stage: 'verify',
    });
  });
});

import { canonicalBytes, type PcmsEnvelope } from '@pcms/envelope';
import type { ClaimResult, DedupeStore } from '@pcms/dedupe';
import { CmsSigner, SignatureVerifier, type Credential } from '@pcms/trust';
import { createTestPki } from '@pcms/trust/testing';
import { randomUUID } from 'node:crypto';
import { PipelineRejection } from './stage';
import { SubmissionPipeline, SubmissionRejectionCode } from './submission.pipeline';

/** Redis is exercised by the integration tests; here only the claim results matter. */
class ClaimsInMemory {
  readonly done = new Set<string>();
  claim(id: string): Promise<ClaimResult> {
    return Promise.resolve(this.done.has(id) ? 'duplicate' : 'new');
  }
}

describe(SubmissionPipeline.name, () => {
  const pki = createTestPki();
  const claims = new ClaimsInMemory();
  const sut = new SubmissionPipeline(
    new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] }),
    claims as unknown as DedupeStore,
    64 * 1024,
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

  it('reports a message already processed as a duplicate', async () => {
    const message = envelope();
    claims.done.add(message.id);

    const result = await sut.run(signed(message));

    expect(result.kind).toBe('duplicate');
  });

  it('refuses, at the identity stage, an envelope whose sender is not its signer', async () => {
    const error = await rejection(sut.run(signed(envelope({ sender: 'NP-ML' }), pki.platforms['NP-BF'])));

    expect(error).toMatchObject({ code: SubmissionRejectionCode.SENDER_MISMATCH, stage: 'identity' });
  });

  it('refuses a platform submitting through another platform’s route', async () => {
    const error = await rejection(sut.run({ ...signed(envelope()), submittedAs: 'NP-NE' }));

    expect(error).toMatchObject({ code: SubmissionRejectionCode.WRONG_ROUTE, stage: 'identity' });
  });

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

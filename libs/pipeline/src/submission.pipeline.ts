import { parseEnvelope, type PcmsEnvelope } from '@pcms/envelope';
import type { ClaimResult, DedupeStore } from '@pcms/dedupe';
import type { SignatureVerifier, VerifiedSignature } from '@pcms/trust';
import { platformOf } from './platform-speaker';
import { PipelineRejection, runStages, type Stage } from './stage';

/** What a national platform submitted: the canonical bytes, their detached signature, the door used. */
export interface Submission {
  body: Buffer;
  signature: Buffer | undefined;
  /** The platform the submission route belongs to (`submit.<platform>`), when known. */
  submittedAs?: string;
}

export interface SubmissionContext extends Submission {
  signer?: VerifiedSignature;
  envelope?: PcmsEnvelope;
  claim?: ClaimResult;
}

export type SubmissionResult =
  | { kind: 'accepted'; envelope: PcmsEnvelope; signer: VerifiedSignature }
  | { kind: 'duplicate'; envelope: PcmsEnvelope }
  | { kind: 'in-progress'; envelope: PcmsEnvelope };

export enum SubmissionRejectionCode {
  TOO_LARGE = 'SUBMISSION_TOO_LARGE',
  SENDER_MISMATCH = 'SUBMISSION_SENDER_MISMATCH',
  /** Signed with a certificate that is not a platform's, whatever id it carries. */
  SIGNER_NOT_PLATFORM = 'SUBMISSION_SIGNER_NOT_PLATFORM',
  WRONG_ROUTE = 'SUBMISSION_WRONG_ROUTE',
  FROM_FUTURE = 'SUBMISSION_FROM_FUTURE',
  STALE = 'SUBMISSION_STALE',
  ID_REUSED = 'SUBMISSION_ID_REUSED',
}

/** The `limits.*` configuration keys the submission door enforces. */
export interface SubmissionLimits {
  maxBytes: number;
  maxJsonDepth: number;
  maxClockSkewSeconds: number;
  /** Keep it below the dedupe retention, so that no replay outlives the memory of its id. */
  maxMessageAgeHours: number;
}

/**
 * size → verify → validate → identity → freshness → dedupe. No signature, no entry: the signature
 * is checked on the exact bytes before anything else reads them. The caller completes (or
 * releases) the dedupe claim, with the same body, once what it published is confirmed.
 */
export class SubmissionPipeline {
  private readonly stages: readonly Stage<SubmissionContext>[];
  private readonly maxBytes: number;

  constructor(
    private readonly verifier: SignatureVerifier,
    private readonly dedupe: DedupeStore,
    private readonly limits: SubmissionLimits,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.maxBytes = limits.maxBytes;
    this.stages = [
      { name: 'size', run: (context) => this.checkSize(context) },
      {
        name: 'verify',
        run: (context) => void (context.signer = this.verifier.verify(context.body, context.signature)),
      },
      {
        name: 'validate',
        run: (context) => void (context.envelope = this.parse(context.body)),
      },
      { name: 'identity', run: (context) => this.checkIdentity(context) },
      { name: 'freshness', run: (context) => this.checkFreshness(context) },
      { name: 'dedupe', run: (context) => this.claim(context) },
    ];
  }

  async run(submission: Submission): Promise<SubmissionResult> {
    const context: SubmissionContext = { ...submission };
    await runStages(this.stages, context);
    const { claim } = context;
    const envelope = context.envelope as PcmsEnvelope;
    if (claim === 'new') return { kind: 'accepted', envelope, signer: context.signer as VerifiedSignature };
    return { kind: claim === 'duplicate' ? 'duplicate' : 'in-progress', envelope };
  }

  private checkSize(context: SubmissionContext): void {
    if (context.body.length > this.maxBytes) {
      throw new PipelineRejection(
        SubmissionRejectionCode.TOO_LARGE,
        'size',
        `the message is ${context.body.length} bytes; the limit is ${this.maxBytes}`,
      );
    }
  }

  /** The certificate decides who speaks: a platform's, and the envelope and the route must agree with it. */
  private checkIdentity(context: SubmissionContext): void {
    const { signerId, role } = context.signer as VerifiedSignature;
    platformOf({ id: signerId, role }, SubmissionRejectionCode.SIGNER_NOT_PLATFORM);
    const sender = context.envelope?.sender;
    if (signerId !== sender) {
      throw new PipelineRejection(
        SubmissionRejectionCode.SENDER_MISMATCH,
        'identity',
        `the envelope claims sender ${sender} but is signed by ${signerId}`,
      );
    }
    if (context.submittedAs !== undefined && context.submittedAs !== signerId) {
      throw new PipelineRejection(
        SubmissionRejectionCode.WRONG_ROUTE,
        'identity',
        `${signerId} submitted through the route of ${context.submittedAs}`,
      );
    }
  }

  private parse(body: Buffer): PcmsEnvelope {
    // Canonical bytes only: one envelope has one spelling, so the signature, the dedupe hash and
    // what every later reader re-serialises all cover the same bytes (SECURITY.md).
    return parseEnvelope(body, {
      maxBytes: this.maxBytes,
      maxDepth: this.limits.maxJsonDepth,
      requireCanonical: true,
    });
  }

  /**
   * A captured message replayed later is refused even once the dedupe store has forgotten its id,
   * as long as maxMessageAgeHours stays below the dedupe retention.
   */
  private checkFreshness(context: SubmissionContext): void {
    const createdAt = (context.envelope as PcmsEnvelope).createdAt;
    const created = Date.parse(createdAt);
    const now = this.now().getTime();
    const latest = now + this.limits.maxClockSkewSeconds * 1000;
    const earliest = now - this.limits.maxMessageAgeHours * 3600 * 1000;
    // Written so that an unreadable date (NaN) fails the test instead of passing it.
    if (!(created <= latest)) {
      throw new PipelineRejection(
        SubmissionRejectionCode.FROM_FUTURE,
        'freshness',
        `createdAt ${createdAt} is more than ${this.limits.maxClockSkewSeconds} s ahead of the gateway's clock`,
      );
    }
    if (created < earliest) {
      throw new PipelineRejection(
        SubmissionRejectionCode.STALE,
        'freshness',
        `createdAt ${createdAt} is more than ${this.limits.maxMessageAgeHours} h old`,
      );
    }
  }

  private async claim(context: SubmissionContext): Promise<void> {
    const { id } = context.envelope as PcmsEnvelope;
    context.claim = await this.dedupe.claim(id, context.body);
    if (context.claim === 'conflict') {
      throw new PipelineRejection(
        SubmissionRejectionCode.ID_REUSED,
        'dedupe',
        `id ${id} was already used for a message with other content`,
      );
    }
  }
}

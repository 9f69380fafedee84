import { parseEnvelope, type PcmsEnvelope } from '@pcms/envelope';
import type { ClaimResult, DedupeStore } from '@pcms/dedupe';
import type { SignatureVerifier, VerifiedSignature } from '@pcms/trust';
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
  WRONG_ROUTE = 'SUBMISSION_WRONG_ROUTE',
}

/**
 * verify → validate → identity → dedupe. No signature, no entry: the signature is checked on the
 * exact bytes before anything else reads them. The caller completes (or releases) the dedupe claim
 * once what it published is confirmed.
 */
export class SubmissionPipeline {
  private readonly stages: readonly Stage<SubmissionContext>[];

  constructor(
    private readonly verifier: SignatureVerifier,
    private readonly dedupe: DedupeStore,
    private readonly maxBytes: number,
  ) {
    this.stages = [
      { name: 'size', run: (context) => this.checkSize(context) },
      {
        name: 'verify',
        run: (context) => void (context.signer = this.verifier.verify(context.body, context.signature)),
      },
      {
        name: 'validate',
        run: (context) => void (context.envelope = parseEnvelope(context.body, { maxBytes: this.maxBytes })),
      },
      { name: 'identity', run: (context) => this.checkIdentity(context) },
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

  /** The certificate decides who speaks: the envelope and the route must agree with it. */
  private checkIdentity(context: SubmissionContext): void {
    const signerId = context.signer?.signerId;
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

  private async claim(context: SubmissionContext): Promise<void> {
    context.claim = await this.dedupe.claim((context.envelope as PcmsEnvelope).id);
  }
}

import type { PcmsEnvelope } from '@pcms/envelope';
import type { Translator } from '@pcms/translation';
import type { SignatureVerifier, VerifiedSignature } from '@pcms/trust';
import { contentDerivedId } from './content-id';
import { PipelineRejection, runStages, type Stage } from './stage';

export interface InboundNotice {
  document: Buffer;
  signature: Buffer | undefined;
}

export interface AcceptedNotice {
  envelope: PcmsEnvelope;
  /** The canonical bytes of `envelope`, as the mapping produced them. */
  body: Buffer;
  signer: VerifiedSignature;
  mapping: { id: string; version: string };
}

interface InboundContext extends InboundNotice {
  signer?: VerifiedSignature;
  accepted?: AcceptedNotice;
}

export enum InboundRejectionCode {
  TOO_LARGE = 'INBOUND_TOO_LARGE',
}

/** size → verify → map: a notice from the external peer becomes a PCMS envelope from INTERPOL. */
export class InboundNoticePipeline {
  private readonly stages: readonly Stage<InboundContext>[] = [
    { name: 'size', run: (context) => this.checkSize(context) },
    {
      name: 'verify',
      run: (context) =>
        void (context.signer = this.verifier.verify(context.document, context.signature, {
          expectedSigner: this.peerId,
        })),
    },
    { name: 'map', run: (context) => this.map(context) },
  ];

  constructor(
    private readonly verifier: SignatureVerifier,
    private readonly translator: Translator,
    private readonly peerId: string,
    private readonly maxBytes: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(notice: InboundNotice): Promise<AcceptedNotice> {
    const context = await runStages(this.stages, { ...notice });
    return context.accepted as AcceptedNotice;
  }

  private checkSize(context: InboundContext): void {
    if (context.document.length > this.maxBytes) {
      throw new PipelineRejection(
        InboundRejectionCode.TOO_LARGE,
        'size',
        `the notice is ${context.document.length} bytes; the limit is ${this.maxBytes}`,
      );
    }
  }

  private map(context: InboundContext): void {
    const result = this.translator.translate({
      from: 'i247-notice',
      to: 'pcms-envelope',
      input: context.document,
      context: {
        // The same notice received twice maps to the same id, and is dropped downstream.
        messageId: contentDerivedId(context.document),
        createdAt: this.now().toISOString(),
        sender: 'INTERPOL',
      },
    });
    context.accepted = {
      envelope: result.value as PcmsEnvelope,
      body: result.output,
      signer: context.signer as VerifiedSignature,
      mapping: result.mapping,
    };
  }
}

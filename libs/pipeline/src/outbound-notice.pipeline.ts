import type { PcmsEnvelope } from '@pcms/envelope';
import type { Translator } from '@pcms/translation';
import type { CmsSigner } from '@pcms/trust';
import { runStages, type Stage } from './stage';

/** A notice ready for delivery to the external network: mapped, serialised and signed by the gateway. */
export interface SignedNotice {
  messageId: string;
  correlationId?: string;
  noticeXml: string;
  signatureB64: string;
  mapping: { id: string; version: string };
}

interface OutboundContext {
  envelope: PcmsEnvelope;
  body: Buffer;
  notice?: Buffer;
  mapping?: { id: string; version: string };
  signature?: Buffer;
}

/** map → sign: a released PCMS message becomes a gateway-signed I-24/7-like notice. */
export class OutboundNoticePipeline {
  private readonly stages: readonly Stage<OutboundContext>[] = [
    { name: 'map', run: (context) => this.map(context) },
    {
      name: 'sign',
      run: (context) => void (context.signature = this.gatewaySigner.sign(context.notice as Buffer)),
    },
  ];

  constructor(
    private readonly translator: Translator,
    private readonly gatewaySigner: CmsSigner,
  ) {}

  async run(envelope: PcmsEnvelope, body: Buffer): Promise<SignedNotice> {
    const context = await runStages(this.stages, { envelope, body });
    return {
      messageId: envelope.id,
      correlationId: envelope.correlationId,
      noticeXml: (context.notice as Buffer).toString('utf8'),
      signatureB64: (context.signature as Buffer).toString('base64'),
      mapping: context.mapping as { id: string; version: string },
    };
  }

  private map(context: OutboundContext): void {
    const result = this.translator.translate({
      from: 'pcms-envelope',
      to: 'i247-notice',
      input: context.body,
      // The consumer parsed these bytes into `envelope` already; parsing them again cost a third
      // of the translation.
      parsed: context.envelope,
    });
    context.notice = result.output;
    context.mapping = result.mapping;
  }
}

import { receivedStage, type JournalEmitter } from '@pcms/journal-emitter';
import { publishEnvelope, type AmqpConnection, type GatewayTopology } from '@pcms/messaging';
import type { CmsSigner } from '@pcms/trust';
import type { InboundOutlet, TranslatedPublicNotice } from './public-notice.forwarder';

/** Who vouches for a public notice: nobody signs the service's JSON, the gateway read it over HTTPS. */
export const PUBLIC_NOTICES_ORIGIN = 'INTERPOL-PUBLIC-NOTICES';

/** The app the journal names for what the public-notices source brought in. */
export const PUBLIC_NOTICES_APP = 'public-notices';

/**
 * The route the I-24/7 adapter uses for a verified inbound notice: journaled (received, mapped),
 * signed by the gateway as everything it puts on the bus, published to `inbound.<type>`; the
 * router sends it on to the platforms it concerns.
 */
export class AmqpInboundOutlet implements InboundOutlet {
  private readonly journal: JournalEmitter;
  /** The process that polled or imported (`i247-adapter`, `cli`), recorded beside the source. */
  private readonly runBy: string;

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly topology: GatewayTopology,
    private readonly signer: CmsSigner,
    journal: JournalEmitter,
  ) {
    // Journaled as the source itself, whoever runs the poll: a one-off poll from the command line
    // is not a message from the command line.
    this.journal = journal.as(PUBLIC_NOTICES_APP);
    this.runBy = journal.app;
  }

  async forward(notice: TranslatedPublicNotice): Promise<void> {
    const { envelope, body } = notice;
    const ids = { messageId: envelope.id, correlationId: envelope.correlationId };
    // Journaled before the next hop, so that the router's events always come after these.
    await this.journal.emit([
      receivedStage(
        envelope,
        {
          door: 'public-notices',
          source: notice.origin.source,
          runBy: this.runBy,
          entityId: notice.entityId,
          concern: notice.concern,
        },
        { contentType: 'application/json', bytes: body },
      ),
      { ...ids, stage: 'mapped', details: { mapping: notice.mapping, direction: 'inbound' } },
    ]);
    await publishEnvelope(this.amqp, this.topology.routes.inbound(envelope.type), {
      envelope,
      body,
      signature: this.signer.sign(body),
      headers: {
        'pcms-origin-signer': PUBLIC_NOTICES_ORIGIN,
        // As the I-24/7 adapter says which mapping made a peer notice's bytes.
        'pcms-mapping': `${notice.mapping.id}@${notice.mapping.version}`,
      },
    });
  }
}

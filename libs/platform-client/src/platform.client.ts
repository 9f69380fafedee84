import { canonicalBytes, parseEnvelope, type PcmsEnvelope, type PlatformId } from '@pcms/envelope';
import type { AmqpConnection, GatewayTopology } from '@pcms/messaging';
import { CmsSigner, RevocationList, SignatureVerifier, type Credential } from '@pcms/trust';
import { PlatformConsumer, type PlatformConsumerOptions, type ReceivedMessage } from './platform.consumer';

/**
 * What a national platform's system does on the AMQP door: sign a PCMS envelope with its own
 * certificate and submit it, and read its own queue, checking that the gateway signed each message.
 */
export class PlatformClient {
  private readonly signer: CmsSigner;
  private readonly verifier: SignatureVerifier;

  constructor(
    readonly platform: PlatformId,
    credential: Credential,
    private readonly caPem: string,
    private readonly amqp: AmqpConnection,
    private readonly topology: GatewayTopology,
  ) {
    this.signer = new CmsSigner(credential);
    this.verifier = new SignatureVerifier({ trustAnchorsPem: [caPem] });
  }

  /**
   * Follows the revocation list the platform trusts (PEM, signed by the CA): a message the gateway
   * signed with a revoked certificate is refused from then on. Call again when a new list comes.
   */
  useRevocationList(crlPem: string): void {
    this.verifier.useRevocation(RevocationList.fromPem(crlPem, this.caPem));
  }

  /**
   * Reads this platform's queue as the platform's system runs: acknowledgement after the handler,
   * the gateway's signature checked first, ids already in `options.store` dropped (README).
   */
  async consume(options: PlatformConsumerOptions): Promise<PlatformConsumer> {
    const queue = this.topology.queues.platforms[this.platform].name;
    return new PlatformConsumer(queue, this.verifier, this.amqp, options).start();
  }

  /** Signs the canonical bytes of `envelope` and submits them; resolves once the broker confirmed. */
  async submit(envelope: PcmsEnvelope): Promise<void> {
    const body = canonicalBytes(envelope);
    await this.submitSigned(body, this.signer.sign(body), envelope.id);
  }

  /** Submits bytes as they are, with a signature made elsewhere (or none): for tests of the doors. */
  async submitSigned(body: Buffer, signature: Buffer | undefined, messageId?: string): Promise<void> {
    await this.amqp.publish(this.topology.routes.submit(this.platform), body, {
      messageId,
      headers: { 'pcms-signature': signature ? signature.toString('base64') : '' },
    });
  }

  /**
   * Takes every message waiting in this platform's queue, verifying the gateway's signature: for
   * tests and the CLI, which look at what arrived. It acknowledges as it reads and drops nothing.
   */
  async drain(): Promise<ReceivedMessage[]> {
    const queue = this.topology.queues.platforms[this.platform].name;
    return this.amqp.withTemporaryChannel(async (channel) => {
      const received: ReceivedMessage[] = [];
      for (let message = await channel.get(queue); message; message = await channel.get(queue)) {
        const header = message.properties.headers?.['pcms-signature'] as unknown;
        const signature = this.verifier.verify(
          message.content,
          typeof header === 'string' ? Buffer.from(header, 'base64') : undefined,
          { expectedSigner: 'GATEWAY' },
        );
        received.push({ envelope: parseEnvelope(message.content), signature });
        channel.ack(message);
      }
      return received;
    });
  }
}

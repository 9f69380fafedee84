// The platform and peer clients the harness hands out, remembering the id of every message they
// sent, so that the harness can prove at the end of each suite that the journal traces them all.
import { PeerSender } from '@pcms/peer';
import { PlatformClient } from '@pcms/platform-client';
import type { SignedDocumentResponse } from '@pcms/signed-http';

export type RememberMessage = (messageId: string) => void;

export class RecordingPlatformClient extends PlatformClient {
  remember: RememberMessage = () => undefined;

  // `submit` goes through here too. Without an AMQP message id there is nothing to trace.
  override async submitSigned(
    body: Buffer,
    signature: Buffer | undefined,
    messageId?: string,
  ): Promise<void> {
    await super.submitSigned(body, signature, messageId);
    if (messageId) this.remember(messageId);
  }
}

export class RecordingPeerSender extends PeerSender {
  remember: RememberMessage = () => undefined;

  /**
   * An accepted notice is journaled under the PCMS id the gateway gave it (in the 202 answer, and
   * in the 200 answer to a duplicate, which names the notice received first); a refused one under
   * the peer's message id. No answer at all (TLS refused) journals nothing.
   */
  override async send(
    xml: Buffer,
    messageId: string,
    correlationId?: string,
  ): Promise<SignedDocumentResponse> {
    const response = await super.send(xml, messageId, correlationId);
    this.remember(
      response.status === 202 || response.status === 200
        ? (gatewayIdOf(response.body) ?? messageId)
        : messageId,
    );
    return response;
  }
}

function gatewayIdOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { messageId?: unknown };
    return typeof parsed.messageId === 'string' ? parsed.messageId : undefined;
  } catch {
    return undefined;
  }
}

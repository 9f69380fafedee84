import type { SignedEnvelopeHeaders, SignedEnvelopeRoute } from '../topology/gateway.topology';
import type { AmqpConnection } from './amqp-connection';

export interface EnvelopeOnward {
  /** The envelope's id, type and correlation: they become the message id and headers. */
  envelope: { readonly id: string; readonly type: string; readonly correlationId?: string };
  /** Its canonical JSON bytes, exactly as signed. */
  body: Buffer;
  /** The detached CMS signature of `body`: DER bytes, or the base64 already on the wire. */
  signature: Buffer | string;
  /** What the next hop also needs (`pcms-signer`, `pcms-origin-signer`, `pcms-mapping`…). */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Puts an accepted envelope on its next route with the headers every hop reads (message id,
 * `pcms-signature`, `pcms-message-type`, `pcms-correlation-id`; docs/architecture.md, wire
 * formats). Resolves once the broker confirmed it: the caller acknowledges its own input only then.
 */
export function publishEnvelope(
  amqp: AmqpConnection,
  route: SignedEnvelopeRoute,
  { envelope, body, signature, headers = {} }: EnvelopeOnward,
): Promise<void> {
  const wire: SignedEnvelopeHeaders = {
    ...headers,
    'pcms-signature': typeof signature === 'string' ? signature : signature.toString('base64'),
    'pcms-message-type': envelope.type,
    'pcms-correlation-id': envelope.correlationId,
  };
  return amqp.publish(route, body, { messageId: envelope.id, headers: wire });
}

// The outbound load: signed person.wanted envelopes as NP-ML submits them, signed before the clock
// starts (a platform signs on its own machine, not on the gateway's cores).
import { canonicalBytes, type PartyId, type PcmsEnvelope } from '@pcms/envelope';
import { CmsSigner, type Credential } from '@pcms/trust';
import { randomUUID } from 'node:crypto';

export interface SignedMessage {
  id: string;
  body: Buffer;
  signature: Buffer;
}

/** Fresh copies of `template` (new id, createdAt now), each signed by its sender as a platform does. */
export function signedMessages(
  template: PcmsEnvelope,
  credential: Credential,
  count: number,
  recipients: PartyId[],
): SignedMessage[] {
  const signer = new CmsSigner(credential);
  return Array.from({ length: count }, () => {
    const envelope = { ...template, id: randomUUID(), createdAt: new Date().toISOString(), recipients };
    const body = canonicalBytes(envelope);
    return { id: envelope.id, body, signature: signer.sign(body) };
  });
}

export function wireBytes(message: SignedMessage): number {
  return message.body.length + message.signature.toString('base64').length;
}

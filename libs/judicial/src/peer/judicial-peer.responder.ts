// What the local judicial peer does by itself in the demo (`judicialPeer.autoReceive`): when a
// request reaches the authority it plays, that authority's system says so, a `judicial.status`
// RECEIVED signed with the requested authority's key, posted to the gateway's door. Everything
// further (acknowledge, execute, refuse) is an operator's `pcms judicial status`.
import type { LoadedConfig } from '@pcms/config';
import type { Credential } from '@pcms/trust';
import { isAbsolute, join } from 'node:path';
import { statusMessage } from '../sending/judicial-message.builders';
import { sendAsAuthority, type DoorAnswer } from '../sending/send-as-authority';
import type { JudicialMessage, JudicialStatusMessage } from '../wire/judicial-message';

/** The peer's inbox folder: `judicialPeer.inboxDir`, relative to dataDir. */
export function judicialPeerInboxOf(config: LoadedConfig): string {
  const dir = config.judicialPeer.inboxDir;
  return isAbsolute(dir) ? dir : join(config.paths.data, dir);
}

/** The RECEIVED a requested authority's system answers to a request; nothing to anything else. */
export function receivedStatusOf(
  message: JudicialMessage,
  at = new Date(),
): JudicialStatusMessage | undefined {
  if (message.type !== 'judicial.request') return undefined;
  return statusMessage({
    requestId: message.payload.requestId,
    status: 'RECEIVED',
    authority: message.payload.requested.authority,
    reason: 'registered by the authority’s system / enregistrée par le système de l’autorité',
    at,
  });
}

export interface AutoReceiveOptions {
  doorUrl: string;
  caPem: string;
  /** The authority's credential, when the PKI holds its key. */
  credentialOf(authorityId: string): Credential | undefined;
  gatewayId?: string;
  timeoutMs?: number;
}

export type AutoReceiveOutcome =
  | { sent: true; status: JudicialStatusMessage; answer: DoorAnswer }
  | { sent: false; reason: 'not-a-request' | 'no-key'; authority?: string };

/** Sends the RECEIVED of a newly registered request; rejects only when the door cannot be reached. */
export async function answerReceived(
  message: JudicialMessage,
  options: AutoReceiveOptions,
): Promise<AutoReceiveOutcome> {
  const status = receivedStatusOf(message);
  if (!status) return { sent: false, reason: 'not-a-request' };
  const credential = options.credentialOf(status.from);
  if (!credential?.privateKeyPem) return { sent: false, reason: 'no-key', authority: status.from };
  const answer = await sendAsAuthority({
    doorUrl: options.doorUrl,
    message: status,
    credential,
    caPem: options.caPem,
    gatewayId: options.gatewayId,
    timeoutMs: options.timeoutMs,
  });
  return { sent: true, status, answer };
}

// One judicial message on its way to one authority's system: everything needed to (re)send it
// without the bus. A message with two destinations is two jobs (bull's job id names both).
import type { DeliveryJob } from '@pcms/delivery';
import { JUDICIAL_MESSAGE_TYPES, type JudicialMessageType } from '../wire/judicial-message';

/** The bull queue of deliveries to the authorities' systems (beside the I-24/7 adapter's `i247-delivery`). */
export const JUDICIAL_DELIVERY_QUEUE = 'judicial-delivery';

export interface JudicialDeliveryJob extends DeliveryJob {
  /** The judicial message's id: the destination's idempotency key (x-pcms-message-id). */
  messageId: string;
  /** The request the message is about, when there is one (journal correlation, receipts). */
  correlationId?: string;
  messageType: JudicialMessageType;
  /** Directory id of the destination authority. */
  authorityId: string;
  /** Its system's judicial door: its directory `endpoint`, or the profile's default endpoint. */
  url: string;
  /** The certificate identity (CN) the system at `url` must present. */
  serverId: string;
  /** The message's bytes exactly as its sender signed them (UTF-8 JSON). */
  body: string;
  /** Base64 of the gateway's detached CMS SignedData (DER) over `body`. */
  signatureB64: string;
  /** `judicial.<rule>` that sent the message there. */
  rule: string;
}

/** One job per message and destination: the same message routed again adds nothing. */
export const judicialJobId = (job: JudicialDeliveryJob): string => `${job.messageId}:${job.authorityId}`;

export function isJudicialDeliveryJob(value: unknown): boolean {
  const job = value as Partial<JudicialDeliveryJob> | undefined;
  const texts = [job?.messageId, job?.authorityId, job?.url, job?.serverId, job?.body, job?.signatureB64];
  return (
    texts.every((text) => typeof text === 'string' && text !== '') &&
    (JUDICIAL_MESSAGE_TYPES as readonly unknown[]).includes(job?.messageType)
  );
}

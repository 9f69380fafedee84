/** What every delivery job carries, whatever it delivers. */
export interface DeliveryJob {
  /** The message id: the destination's idempotency key (and bull's job id unless the queue keys otherwise). */
  messageId: string;
  correlationId?: string;
}

/** One I-24/7-like notice on its way to the peer: everything needed to (re)send it without the bus. */
export interface NoticeDeliveryJob extends DeliveryJob {
  /** The PCMS message id: bull's job id and the destination's idempotency key. */
  messageId: string;
  correlationId?: string;
  /** The notice exactly as signed; the signature covers these UTF-8 bytes. */
  noticeXml: string;
  /** Base64 of the gateway's detached CMS SignedData (DER) over `noticeXml`. */
  signatureB64: string;
  /** Which mapping produced the notice, for the journal. */
  mapping: { id: string; version: string };
}

export type EnqueueOutcome =
  /** Newly queued. */
  | 'queued'
  /** Already queued, delivering or delivered: nothing done, so it is never delivered twice. */
  | 'duplicate'
  /** It had been dead-lettered; queued again with fresh attempts (a replay). */
  | 'requeued';

export interface DeliveryFailure {
  /** A SignedHttpErrorCode, or DELIVERY_FAILED for an unexpected error. */
  code: string;
  reason: string;
  /** The HTTP status when the destination answered. */
  status?: number;
  /** Attempts made, the last included. */
  attempts: number;
}

export interface DeliveryReceipt {
  status: number;
  attempts: number;
  /** The destination's answer (at most the first 64 KiB), when the sender returns it. */
  body?: string;
}

// The codes the judicial door refuses with, beside JudicialErrorCode's (a message or a contact that
// does not follow the contract; the store's: an unknown authority, an illegal transition, a status
// from a state that is not a party…), which reach the sender unchanged. Codes are for programs; the reasons, English then French, for people.

export enum JudicialDoorCode {
  /** The TLS client certificate is not an authority's (a platform, the gateway, an operator). */
  ClientNotAuthority = 'JUDICIAL_CLIENT_NOT_AUTHORITY',
  /** The TLS client presented no certificate the door can name, or a revoked one. */
  ClientIdentity = 'JUDICIAL_CLIENT_IDENTITY',
  /** The message's `from` is not the authority whose certificate opened the connection. */
  SenderMismatch = 'JUDICIAL_SENDER_MISMATCH',
  /** The body is larger than limits.maxMessageBytes. */
  TooLarge = 'JUDICIAL_MESSAGE_TOO_LARGE',
  /** The x-pcms-message-id header names another id than the message's own. */
  MessageIdMismatch = 'JUDICIAL_MESSAGE_ID_MISMATCH',
  /** The same message id was taken with other bytes: a change is a new message, never a retry. */
  MessageConflict = 'JUDICIAL_MESSAGE_CONFLICT',
  /** sentAt is further ahead than the clock skew allows (deadlines count from these dates). */
  SentInFuture = 'JUDICIAL_SENT_IN_FUTURE',
  /** A judicial.request whose `from` is not its requesting authority, or a status whose `from` is not its authority. */
  SenderNotAuthor = 'JUDICIAL_SENDER_NOT_AUTHOR',
  /** A contact between authorities that are not both focal points of one network. */
  ContactNotFocalPoints = 'JUDICIAL_CONTACT_NOT_FOCAL_POINTS',
  /**
   * An attachment's uri is not on its sender's own system (the origin the directory gives for it),
   * or not https: the gateway fetches from nowhere else (no request may make it call any URL).
   */
  AttachmentOriginRefused = 'JUDICIAL_ATTACHMENT_ORIGIN_REFUSED',
  /** The file the sender's system serves is not the one the request names: its SHA-256 differs. */
  AttachmentDigestMismatch = 'JUDICIAL_ATTACHMENT_DIGEST_MISMATCH',
  /** The file is longer than judicialAdapter.attachments.maxBytes: it will not get shorter. */
  AttachmentTooLarge = 'JUDICIAL_ATTACHMENT_TOO_LARGE',
  /** The sender's system answers that it has no such file (a 4xx), or presents another identity. */
  AttachmentNotServed = 'JUDICIAL_ATTACHMENT_NOT_SERVED',
  /**
   * The sender's system cannot be reached now (no connection, no answer in time, a 5xx): not a
   * verdict on the request, answered 503 with Retry-After and nothing quarantined.
   */
  AttachmentUnreachable = 'JUDICIAL_ATTACHMENT_UNREACHABLE',
}

/** Where the door stopped; the stage travels into the dead letter (`x-pcms-stage`) and the journal. */
export type JudicialDoorStage =
  'identity' | 'size' | 'verify' | 'validate' | 'directory' | 'dedupe' | 'attachments' | 'store';

/**
 * Why the door refuses a message: what kind of fault (the HTTP layer maps it to a status), its
 * code, and the reason in English and French. A verdict on the message, never an outage.
 */
export interface JudicialDoorRefusal {
  readonly code: string;
  readonly stage: JudicialDoorStage;
  /** English; then French in `raison`. */
  readonly reason: string;
  readonly raison: string;
  /**
   * `client`: the wrong party is speaking (HTTP 403); `signature`: the signature, with its trust
   * code (the HTTP layer maps it as every door does); `size` (413); `conflict` (409); `content`: the
   * message itself, its fields or what the directory and the store say of it (422).
   */
  readonly fault: 'client' | 'signature' | 'size' | 'conflict' | 'content';
  /** The TrustError code of a `signature` fault. */
  readonly trustCode?: string;
}

export function refusal(
  code: string,
  stage: JudicialDoorStage,
  fault: JudicialDoorRefusal['fault'],
  reason: string,
  raison: string,
): JudicialDoorRefusal {
  return { code, stage, fault, reason, raison };
}

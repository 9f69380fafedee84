// The holds' contract (docs/architecture.md, "Holds and four eyes"): the router creates holds, the
// operators decide them from the CLI, the router forwards or expires them.
import type { HoldsError } from './holds.error';

/**
 * `unverified`: released, but when the router re-checked the approvals (or opened the sealed bytes)
 * before forwarding, they did not verify; the message never left.
 */
export const HOLD_STATUSES = ['waiting', 'released', 'rejected', 'expired', 'unverified'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

export type HoldDecisionKind = 'approve' | 'reject';

/** What is held and why: the same facts when the router asks for a hold and when anyone reads it. */
export interface HoldSubject {
  messageId: string;
  correlationId?: string;
  sender: string;
  type: string;
  classification: string;
  /** Where the message goes once released: an external network. */
  destination: 'INTERPOL';
  /** `outbound.<name>` of the rule that holds it, and that rule's reason with the facts that matched. */
  rule: string;
  reason: string;
  approvalsRequired: number;
}

/** What the router knows when a `hold` rule matches: enough to continue exactly where it stopped. */
export interface NewHold extends HoldSubject {
  expiresAt: Date;
  /** The envelope's canonical bytes (sealed at rest by the store) and the sender's detached signature (base64 DER), untouched. */
  body: Buffer;
  signature: string;
}

/** One operator's signed word on a hold, as recorded after its signature was verified. */
export interface HoldDecision {
  operatorId: string;
  decision: HoldDecisionKind;
  /** Lower-case hex SHA-256 of the operator's certificate. */
  certificateFingerprint: string;
  /** When the operator signed (the statement's `at`). */
  at: string;
  reason?: string;
  /** The canonical statement the operator signed, and the detached CMS signature (base64), kept as proof. */
  statement: string;
  signature: string;
}

export interface Hold extends HoldSubject {
  id: string;
  /**
   * Lower-case hex SHA-256 of the held bytes, recorded when the message was held and kept after
   * they are dropped; every decision binds it. Absent only for a legacy hold that ended before
   * migration 0003 could read its bytes.
   */
  messageSha256?: string;
  status: HoldStatus;
  createdAt: string;
  expiresAt: string;
  /** When it was released, rejected or expired. */
  decidedAt?: string;
  /** When the released message was published to its destination. */
  forwardedAt?: string;
  decisions: HoldDecision[];
}

/**
 * A released hold the router has claimed for forwarding: the message as it was held, or, when its
 * sealed bytes do not open (another key, a tampered row), why not.
 */
export type HoldToForward =
  | { hold: Hold; readable: true; body: Buffer; signature: string }
  | { hold: Hold; readable: false; failure: HoldsError };

export interface HoldList {
  status?: HoldStatus;
  /** At most this many, newest first (default 100). */
  limit?: number;
}

export interface DecideResult {
  hold: Hold;
  /** `recorded`: an approval that is not yet enough; `released` or `rejected`: the hold ended now. */
  outcome: 'recorded' | 'released' | 'rejected';
}

export interface HoldStore {
  /** Idempotent: brings the holds' tables to the latest migration. */
  migrate(): Promise<void>;
  /** A redelivered message finds its hold already there (`created: false`), never a second one. */
  create(hold: NewHold, now?: Date): Promise<{ hold: Hold; created: boolean }>;
  /** By hold id or by message id. */
  find(idOrMessageId: string): Promise<Hold | undefined>;
  list(filter?: HoldList): Promise<Hold[]>;
  /**
   * Records one operator's decision in one transaction that first locks the hold's row, so two
   * decisions at the same moment are serialised: a hold is released or rejected once.
   */
  decide(holdId: string, decision: HoldDecision, now?: Date): Promise<DecideResult>;
  /** Marks waiting holds past their expiry as expired and returns those this caller expired. */
  expireDue(now?: Date): Promise<Hold[]>;
  /** Claims released holds not yet forwarded (a lease, so a dead forwarder's claim lapses). */
  claimReleased(now?: Date, leaseMs?: number, limit?: number): Promise<HoldToForward[]>;
  /** The message left: its bytes are dropped, the record stays. */
  markForwarded(holdId: string, now?: Date): Promise<void>;
  /** The router's check before forwarding failed: the hold ends `unverified`, its bytes dropped. */
  markUnverified(holdId: string, now?: Date): Promise<Hold | undefined>;
  counts(): Promise<Record<HoldStatus, number>>;
  close(): Promise<void>;
}

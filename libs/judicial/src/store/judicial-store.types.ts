// The request store's contract: what the gateway keeps of each request, and what it answers when
// a request, a status or a receipt arrives. Every refusal carries its code; nothing here throws for
// bad input, which comes from another state's system.
import type { CountryCode } from '@pcms/envelope';
import type { JudicialDirectory } from '../directory/judicial-directory';
import type { FollowUpPolicy } from '../follow-up/follow-up.policy';
import type { JudicialErrorCode, JudicialIssue } from '../judicial.error';
import type { Party, RequestKind, RequestUrgency } from '../judicial.constants';
import type { JudicialState } from '../lifecycle/judicial-states';
import type { JudicialStatus, StateChange } from '../lifecycle/judicial-status';
import type { StateOfAuthority, StatusRefusal } from '../lifecycle/status.applier';
import type { NoticeLink } from '../links/notice-link';
import type { TransportReceipt } from '../receipts/transport-receipt';

export interface FiredReminder {
  requestId: string;
  /** How many moves the request had when it fired: the next move arms the next reminder. */
  armedOn: number;
  /** The state it sat in. */
  state: JudicialState;
  /** The policy's delay for its kind and urgency. */
  days: number;
  dueAt: string;
  firedAt: string;
}

export interface StoredJudicialRequest {
  requestId: string;
  kind: RequestKind;
  urgency: RequestUrgency;
  /** Directory ids of the two authorities, as the request names them. */
  authorities: Readonly<Record<Party, string>>;
  /** Their states, from the directory when the request was stored. */
  parties: Readonly<Record<Party, CountryCode>>;
  requestingReference: string;
  state: JudicialState;
  /** Every move, oldest first: who (party, authority), when, why (reason, grounds). */
  history: readonly StateChange[];
  /** Transport evidence, apart from the state. */
  receipts: readonly TransportReceipt[];
  reminders: readonly FiredReminder[];
  /** The Interpol notices it is linked to (an extradition or provisional arrest naming one). */
  noticeLinks: readonly NoticeLink[];
  payloadSha256: string;
  storedAt: string;
  /** The `at` of the last move, or storedAt: reminders count from it. */
  lastMoveAt: string;
}

export type SubmitOutcome =
  | { outcome: 'stored' | 'duplicate'; request: StoredJudicialRequest }
  | { outcome: 'refused'; code: JudicialErrorCode; issues: JudicialIssue[] };

export type MoveOutcome =
  | { outcome: 'moved'; request: StoredJudicialRequest; change: StateChange }
  /** A move already in the history (a status delivered again): nothing changes. */
  | { outcome: 'duplicate'; request: StoredJudicialRequest }
  | { outcome: 'refused'; refusal: StatusRefusal };

export type ReceiptStoreOutcome =
  { outcome: 'recorded' | 'duplicate' } | { outcome: 'refused'; refusal: StatusRefusal };

export interface JudicialRequestList {
  state?: JudicialState;
}

export interface JudicialStore {
  /**
   * Stores a `judicial.request` (its bytes as received) in DRAFT, after the contract and the
   * directory checks, and links it to the Interpol notices its persons name (noticeLinksOf). The
   * same id with the same bytes is a duplicate; with other bytes it is refused
   * (JUDICIAL_REQUEST_CONFLICT).
   */
  submit(bytes: Buffer, directory: JudicialDirectory, now?: Date): Promise<SubmitOutcome>;
  /** Applies a `judicial.status` through applyStatus and keeps the move in the history. */
  move(status: JudicialStatus, stateOf: StateOfAuthority, now?: Date): Promise<MoveOutcome>;
  recordReceipt(receipt: TransportReceipt, now?: Date): Promise<ReceiptStoreOutcome>;
  find(requestId: string): Promise<StoredJudicialRequest | undefined>;
  /** The request's bytes as received, opened. */
  payload(requestId: string): Promise<Buffer | undefined>;
  /** Oldest first. */
  list(filter?: JudicialRequestList): Promise<StoredJudicialRequest[]>;
  /** Every request linked to this notice id, in the order they were linked. */
  linkedTo(noticeId: string): Promise<StoredJudicialRequest[]>;
  /**
   * Fires the reminders due at `now`: each request overdue under `policy` gets one reminder per
   * quiet spell (recorded; a second scan does not fire it again; a new move re-arms it).
   */
  scanReminders(policy: FollowUpPolicy, now?: Date): Promise<FiredReminder[]>;
  /**
   * What scanReminders would fire at `now`, recording nothing: overdue and not yet reminded in
   * this quiet spell. The adapter's clock journals these before it records them, so that a crash
   * in between journals the same event again (same id, dropped) rather than never.
   */
  dueReminders(policy: FollowUpPolicy, now?: Date): Promise<FiredReminder[]>;
  /** Records reminders, once per request and quiet spell; returns those recorded by this call. */
  recordReminders(reminders: readonly FiredReminder[]): Promise<FiredReminder[]>;
  close(): Promise<void>;
}

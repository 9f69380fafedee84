// Rows of the five tables into the store's view of a request, and a move into its row.
import type { Insertable, Selectable } from 'kysely';
import type { Party, RefusalGround, RequestKind, RequestUrgency } from '../judicial.constants';
import type { JudicialState } from '../lifecycle/judicial-states';
import type { StateChange } from '../lifecycle/judicial-status';
import type { TransportEvidence, TransportReceipt } from '../receipts/transport-receipt';
import type {
  JudicialMovesTable,
  JudicialNoticeLinksTable,
  JudicialReceiptsTable,
  JudicialRemindersTable,
  JudicialRequestsTable,
} from './judicial-store.schema';
import type { FiredReminder, StoredJudicialRequest } from './judicial-store.types';
import { noticeLinkOf } from './notice-links.queries';

export type RequestRow = Omit<Selectable<JudicialRequestsTable>, 'sealed_payload'>;
export type MoveRow = Selectable<JudicialMovesTable>;
export type ReceiptRow = Selectable<JudicialReceiptsTable>;
export type ReminderRow = Selectable<JudicialRemindersTable>;
export type NoticeLinkRow = Selectable<JudicialNoticeLinksTable>;

export const REQUEST_COLUMNS = [
  'request_id',
  'kind',
  'urgency',
  'requesting_authority',
  'requested_authority',
  'requesting_state',
  'requested_state',
  'requesting_reference',
  'state',
  'moves',
  'payload_sha256',
  'stored_at',
  'last_move_at',
  'last_move_at_ms',
] as const;

export function changeOf(row: MoveRow): StateChange {
  return {
    from: row.from_state as JudicialState,
    to: row.to_state as JudicialState,
    party: row.party as Party,
    authority: row.authority,
    at: row.at,
    ...(row.reason === null ? {} : { reason: row.reason }),
    ...(row.ground === null
      ? {}
      : { grounds: { ground: row.ground as RefusalGround, text: row.grounds_text ?? '' } }),
  };
}

export function moveRow(
  requestId: string,
  seq: number,
  change: StateChange,
  now: Date,
): Insertable<JudicialMovesTable> {
  return {
    request_id: requestId,
    seq,
    from_state: change.from,
    to_state: change.to,
    party: change.party,
    authority: change.authority,
    at: change.at,
    at_ms: Date.parse(change.at),
    reason: change.reason ?? null,
    ground: change.grounds?.ground ?? null,
    grounds_text: change.grounds?.text ?? null,
    recorded_at: now.toISOString(),
  };
}

function receiptOf(row: ReceiptRow): TransportReceipt {
  return {
    messageId: row.message_id,
    requestId: row.request_id,
    evidence: row.evidence as TransportEvidence,
    issuer: row.issuer,
    at: row.at,
    ...(row.reason === null ? {} : { reason: row.reason }),
  };
}

export function reminderOf(row: ReminderRow): FiredReminder {
  return {
    requestId: row.request_id,
    armedOn: Number(row.armed_on),
    state: row.state as JudicialState,
    days: Number(row.days),
    dueAt: row.due_at,
    firedAt: row.fired_at,
  };
}

/** One request with the rows that belong to it, each list already in its order. */
export function storedRequestOf(
  row: RequestRow,
  moves: readonly MoveRow[],
  receipts: readonly ReceiptRow[],
  reminders: readonly ReminderRow[],
  links: readonly NoticeLinkRow[],
): StoredJudicialRequest {
  return {
    requestId: row.request_id,
    kind: row.kind as RequestKind,
    urgency: row.urgency as RequestUrgency,
    authorities: { requesting: row.requesting_authority, requested: row.requested_authority },
    parties: {
      requesting: row.requesting_state,
      requested: row.requested_state,
    },
    requestingReference: row.requesting_reference,
    state: row.state as JudicialState,
    history: moves.map(changeOf),
    receipts: receipts.map(receiptOf),
    reminders: reminders.map(reminderOf),
    noticeLinks: links.map(noticeLinkOf),
    payloadSha256: row.payload_sha256,
    storedAt: row.stored_at,
    lastMoveAt: row.last_move_at,
  };
}

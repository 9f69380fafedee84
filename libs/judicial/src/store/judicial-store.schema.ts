// Kysely's view of the tables that migrations/ create, beside the journal's in the same database.
import type { ColumnType } from 'kysely';

/** PostgreSQL returns bigint as a string; SQLite as a number. */
type BigIntColumn = ColumnType<number | string, number, number>;

export interface JudicialRequestsTable {
  request_id: string;
  kind: string;
  urgency: string;
  requesting_authority: string;
  requested_authority: string;
  requesting_state: string;
  requested_state: string;
  requesting_reference: string;
  state: string;
  /** How many moves the history holds: the next move's seq is this plus one. */
  moves: number;
  /** SHA-256 (hex) of the request's bytes as received: the same id with other bytes is refused. */
  payload_sha256: string;
  /** The bytes, sealed (IV ‖ GCM tag ‖ ciphertext, the journal's payload key, `judicial-request:<id>`). */
  sealed_payload: Buffer;
  stored_at: string;
  /** The `at` of the last move, or stored_at: reminders count from it. */
  last_move_at: string;
  last_move_at_ms: BigIntColumn;
}

export interface JudicialMovesTable {
  request_id: string;
  /** 1, 2, 3… per request: two concurrent moves cannot both be the next one. */
  seq: number;
  from_state: string;
  to_state: string;
  party: string;
  authority: string;
  at: string;
  at_ms: BigIntColumn;
  reason: string | null;
  ground: string | null;
  grounds_text: string | null;
  recorded_at: string;
}

export interface JudicialReceiptsTable {
  request_id: string;
  message_id: string;
  evidence: string;
  issuer: string;
  at: string;
  reason: string | null;
  recorded_at: string;
}

export interface JudicialRemindersTable {
  request_id: string;
  /** The number of moves when it fired: a later move arms the next reminder. */
  armed_on: number;
  state: string;
  days: number;
  due_at: string;
  fired_at: string;
}

export interface JudicialNoticeLinksTable {
  request_id: string;
  /** As the request names it: a gateway notice id or Interpol's 'YYYY/NNNNN'. */
  notice_id: string;
  role: string;
  linked_at: string;
}

export interface JudicialDatabase {
  judicial_requests: JudicialRequestsTable;
  judicial_moves: JudicialMovesTable;
  judicial_receipts: JudicialReceiptsTable;
  judicial_reminders: JudicialRemindersTable;
  judicial_notice_links: JudicialNoticeLinksTable;
}

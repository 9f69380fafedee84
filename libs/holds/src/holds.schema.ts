// Kysely's view of the tables that migrations/ create, beside the journal's in the same database.
import type { ColumnType } from 'kysely';

/** PostgreSQL returns bigint as a string; SQLite as a number. */
type BigIntColumn = ColumnType<number | string, number, number>;

export interface HoldsTable {
  id: string;
  message_id: string;
  correlation_id: string | null;
  sender: string;
  type: string;
  classification: string;
  destination: string;
  rule: string;
  reason: string;
  approvals_required: number;
  status: string;
  created_at: string;
  expires_at: string;
  expires_at_ms: BigIntColumn;
  decided_at: string | null;
  forwarded_at: string | null;
  /** Epoch ms until which a forwarder owns the release; null when unclaimed. */
  forward_claimed_until_ms: ColumnType<number | string | null, number | null, number | null>;
  /**
   * The held message, sealed (IV ‖ GCM tag ‖ ciphertext, the journal's payload key, `hold:<id>` as
   * additional data); dropped (null) once it left, was rejected, expired or found unverified.
   */
  sealed_body: Buffer | null;
  signature: string | null;
  /** SHA-256 (hex) of the held bytes, kept after they are dropped: what the operators' statements bind. */
  message_sha256: string | null;
  updated_at: string;
}

export interface HoldDecisionsTable {
  hold_id: string;
  operator_id: string;
  decision: string;
  certificate_fingerprint: string;
  at: string;
  reason: string | null;
  statement: string;
  signature: string;
  recorded_at: string;
}

export interface HoldsDatabase {
  holds: HoldsTable;
  hold_decisions: HoldDecisionsTable;
}

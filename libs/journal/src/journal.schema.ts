// Kysely's view of the tables that migrations/ create. One row per journal entry.
import type { ColumnType, Generated } from 'kysely';

/** PostgreSQL returns bigint as a string (it may exceed 2^53); SQLite as a number. */
type BigIntColumn = ColumnType<number | string, number, number>;

export interface JournalEntriesTable {
  seq: BigIntColumn;
  event_id: string;
  message_id: string;
  correlation_id: string | null;
  stage: string;
  app: string;
  /** Exactly as the emitter wrote it: it is hashed. */
  at: string;
  /** `at` as epoch milliseconds, for ordering and date filters whatever the offset was. */
  at_ms: BigIntColumn;
  /** RFC 8785 canonical JSON of the details. */
  details: string;
  /** Copied from the details for search (not hashed: the details are). */
  sender: string | null;
  type: string | null;
  payload_digest: string | null;
  payload_content_type: string | null;
  /** iv || tag || AES-256-GCM ciphertext; null when not kept or purged. */
  payload_sealed: Buffer | null;
  /** ISO time the retention purge dropped `payload_sealed` (not hashed); null otherwise. */
  payload_purged_at: ColumnType<string | null, string | null | undefined, string | null>;
  prev_hash: string;
  hash: string;
}

/** A single row that SQLite writers update first, to take the write lock before reading the head. */
export interface JournalChainLockTable {
  id: Generated<number>;
  touched_at: string;
}

export interface JournalDatabase {
  journal_entries: JournalEntriesTable;
  journal_chain_lock: JournalChainLockTable;
}

export const ENTRIES = 'journal_entries';

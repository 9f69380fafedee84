// Kysely's view of the index's table (migrations/). No name, notice id or reference is stored:
// only keyed hashes of their folded terms (business-key.hasher.ts).
import type { ColumnType } from 'kysely';

/** PostgreSQL returns bigint as a string; SQLite as a number. */
type BigIntColumn = ColumnType<number | string, number, number>;

export interface BusinessKeysTable {
  hash: string;
  message_id: string;
  kind: string;
  at_ms: BigIntColumn;
}

export interface BusinessKeysDatabase {
  business_keys: BusinessKeysTable;
}

// Reading holds with their decisions, the same way inside a decision's transaction and outside it.
import type { Kysely } from 'kysely';
import { HOLD_COLUMNS, decisionFromRow, holdFromRow, type HoldRow } from './hold-row.mapper';
import type { Hold } from './hold.types';
import type { HoldsDatabase } from './holds.schema';

/** By hold id or by message id; `db` may be a transaction. */
export async function readHold(db: Kysely<HoldsDatabase>, idOrMessageId: string): Promise<Hold | undefined> {
  const row = await db
    .selectFrom('holds')
    .select(HOLD_COLUMNS)
    .where((where) => where.or([where('id', '=', idOrMessageId), where('message_id', '=', idOrMessageId)]))
    .executeTakeFirst();
  return row ? (await withDecisions(db, [row]))[0] : undefined;
}

/** The holds of these rows, each with its decisions in the order they were recorded. */
export async function withDecisions(db: Kysely<HoldsDatabase>, rows: HoldRow[]): Promise<Hold[]> {
  if (rows.length === 0) return [];
  const decisions = await db
    .selectFrom('hold_decisions')
    .selectAll()
    .where(
      'hold_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('recorded_at')
    .execute();
  return rows.map((row) =>
    holdFromRow(row, decisions.filter((d) => d.hold_id === row.id).map(decisionFromRow)),
  );
}

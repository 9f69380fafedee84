// Reads of the request store: a request's row, and requests with their moves, receipts, reminders
// and notice links gathered in four queries whatever their number.
import type { Kysely } from 'kysely';
import type { JudicialDatabase } from './judicial-store.schema';
import {
  REQUEST_COLUMNS,
  storedRequestOf,
  type MoveRow,
  type ReceiptRow,
  type NoticeLinkRow,
  type ReminderRow,
  type RequestRow,
} from './judicial-row.mapper';
import type { StoredJudicialRequest } from './judicial-store.types';

/** Ids per `in (…)`: well under SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 500;

export function requestRow(db: Kysely<JudicialDatabase>, requestId: string): Promise<RequestRow | undefined> {
  return db
    .selectFrom('judicial_requests')
    .select(REQUEST_COLUMNS)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}

function byRequest<T extends { request_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) grouped.set(row.request_id, [...(grouped.get(row.request_id) ?? []), row]);
  return grouped;
}

export async function loadRequests(
  db: Kysely<JudicialDatabase>,
  rows: readonly RequestRow[],
): Promise<StoredJudicialRequest[]> {
  const moves: MoveRow[] = [];
  const receipts: ReceiptRow[] = [];
  const reminders: ReminderRow[] = [];
  const links: NoticeLinkRow[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const ids = rows.slice(start, start + CHUNK).map((row) => row.request_id);
    const [m, r, n, l] = await Promise.all([
      db.selectFrom('judicial_moves').selectAll().where('request_id', 'in', ids).orderBy('seq').execute(),
      db
        .selectFrom('judicial_receipts')
        .selectAll()
        .where('request_id', 'in', ids)
        .orderBy('recorded_at')
        .orderBy('at')
        .execute(),
      db
        .selectFrom('judicial_reminders')
        .selectAll()
        .where('request_id', 'in', ids)
        .orderBy('armed_on')
        .execute(),
      db
        .selectFrom('judicial_notice_links')
        .selectAll()
        .where('request_id', 'in', ids)
        .orderBy('linked_at')
        .orderBy('notice_id')
        .execute(),
    ]);
    moves.push(...m);
    receipts.push(...r);
    reminders.push(...n);
    links.push(...l);
  }
  const movesOf = byRequest(moves);
  const receiptsOf = byRequest(receipts);
  const remindersOf = byRequest(reminders);
  const linksOf = byRequest(links);
  return rows.map((row) =>
    storedRequestOf(
      row,
      movesOf.get(row.request_id) ?? [],
      receiptsOf.get(row.request_id) ?? [],
      remindersOf.get(row.request_id) ?? [],
      linksOf.get(row.request_id) ?? [],
    ),
  );
}

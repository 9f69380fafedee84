// One row per message: its first and last activity, its current status (the stage of its latest
// entry) and what the emitters said about it (sender and type, from the `received` details).
import type { Kysely } from 'kysely';
import type { JournalDatabase } from './journal.schema';
import type { JournalSearch, JournalSearchHit, JournalStage } from './journal.types';

const DEFAULT_LIMIT = 100;

function isoOf(ms: number | string): string {
  return new Date(Number(ms)).toISOString();
}

export async function searchJournal(
  db: Kysely<JournalDatabase>,
  filter: JournalSearch,
): Promise<JournalSearchHit[]> {
  let messages = db
    .selectFrom('journal_entries')
    .select(({ fn }) => [
      'message_id',
      fn.min('at_ms').as('first_ms'),
      fn.max('at_ms').as('last_ms'),
      fn.max('seq').as('last_seq'),
      fn.max('correlation_id').as('correlation_id'),
      fn.max('sender').as('sender'),
      fn.max('type').as('type'),
    ])
    // A payload view says who read the message, not what became of it (JOURNAL_STAGES).
    .where('stage', '!=', 'payload-viewed')
    .groupBy('message_id');
  if (filter.messageId !== undefined) messages = messages.where('message_id', '=', filter.messageId);
  if (filter.messageIds !== undefined) {
    if (filter.messageIds.length === 0) return [];
    messages = messages.where('message_id', 'in', [...filter.messageIds]);
  }
  // Filters on indexed columns pick the messages first, so a search does not group the whole journal.
  for (const [column, value] of [
    ['correlation_id', filter.correlationId],
    ['sender', filter.sender],
    ['type', filter.type],
  ] as const) {
    if (value === undefined) continue;
    messages = messages.where('message_id', 'in', (eb) =>
      eb.selectFrom('journal_entries').select('message_id').where(column, '=', value),
    );
  }
  if (filter.since !== undefined)
    messages = messages.having(({ fn }) => fn.max('at_ms'), '>=', filter.since.getTime());
  if (filter.until !== undefined)
    messages = messages.having(({ fn }) => fn.min('at_ms'), '<=', filter.until.getTime());

  let query = db
    .selectFrom(messages.as('m'))
    .innerJoin('journal_entries as last', 'last.seq', 'm.last_seq')
    .select([
      'm.message_id',
      'm.first_ms',
      'm.last_ms',
      'm.correlation_id',
      'm.sender',
      'm.type',
      'last.stage as last_stage',
    ]);
  if (filter.stage !== undefined) query = query.where('last.stage', '=', filter.stage);
  const rows = await query
    .orderBy('m.last_ms', 'desc')
    .orderBy('m.message_id', 'asc')
    .limit(filter.limit ?? DEFAULT_LIMIT)
    .execute();

  return rows.map((row) => {
    const hit: JournalSearchHit = {
      messageId: row.message_id,
      firstAt: isoOf(row.first_ms),
      lastAt: isoOf(row.last_ms),
      lastStage: row.last_stage as JournalStage,
    };
    if (row.correlation_id !== null) hit.correlationId = row.correlation_id;
    if (row.sender !== null) hit.sender = row.sender;
    if (row.type !== null) hit.type = row.type;
    return hit;
  });
}

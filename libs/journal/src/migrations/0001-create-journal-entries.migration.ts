import { sql, type Kysely, type Migration } from 'kysely';
import type { JournalDriver } from '../journal.types';

export function createJournalEntries(driver: JournalDriver): Migration {
  const bigint = driver === 'postgres' ? 'bigint' : 'integer';
  const bytes = driver === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('journal_entries')
        .addColumn('seq', bigint, (column) => column.primaryKey())
        .addColumn('event_id', 'text', (column) => column.notNull().unique())
        .addColumn('message_id', 'text', (column) => column.notNull())
        .addColumn('correlation_id', 'text')
        .addColumn('stage', 'text', (column) => column.notNull())
        .addColumn('app', 'text', (column) => column.notNull())
        .addColumn('at', 'text', (column) => column.notNull())
        .addColumn('at_ms', bigint, (column) => column.notNull())
        .addColumn('details', 'text', (column) => column.notNull())
        .addColumn('sender', 'text')
        .addColumn('type', 'text')
        .addColumn('payload_digest', 'text')
        .addColumn('payload_content_type', 'text')
        .addColumn('payload_sealed', sql.raw(bytes))
        .addColumn('prev_hash', 'text', (column) => column.notNull())
        .addColumn('hash', 'text', (column) => column.notNull())
        .execute();
      for (const column of ['message_id', 'correlation_id', 'stage', 'at_ms', 'sender', 'type']) {
        await db.schema
          .createIndex(`journal_entries_${column}_idx`)
          .on('journal_entries')
          .column(column)
          .execute();
      }
      await db.schema
        .createTable('journal_chain_lock')
        .addColumn('id', 'integer', (column) => column.primaryKey())
        .addColumn('touched_at', 'text', (column) => column.notNull())
        .execute();
      await sql`insert into journal_chain_lock (id, touched_at) values (1, ${new Date(0).toISOString()})`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('journal_chain_lock').execute();
      await db.schema.dropTable('journal_entries').execute();
    },
  };
}

import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { JournalDriver } from '@pcms/journal';

export function createJudicialRequests(driver: JournalDriver): Migration {
  const bigint = driver === 'postgres' ? 'bigint' : 'integer';
  const bytes = driver === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('judicial_requests')
        // One row per request id: a second identical submission finds it, another one is refused.
        .addColumn('request_id', 'text', (column) => column.primaryKey())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('urgency', 'text', (column) => column.notNull())
        .addColumn('requesting_authority', 'text', (column) => column.notNull())
        .addColumn('requested_authority', 'text', (column) => column.notNull())
        .addColumn('requesting_state', 'text', (column) => column.notNull())
        .addColumn('requested_state', 'text', (column) => column.notNull())
        .addColumn('requesting_reference', 'text', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('moves', 'integer', (column) => column.notNull())
        .addColumn('payload_sha256', 'text', (column) => column.notNull())
        .addColumn('sealed_payload', sql.raw(bytes), (column) => column.notNull())
        .addColumn('stored_at', 'text', (column) => column.notNull())
        .addColumn('last_move_at', 'text', (column) => column.notNull())
        .addColumn('last_move_at_ms', bigint, (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('judicial_requests_state_idx')
        .on('judicial_requests')
        .columns(['state', 'last_move_at_ms'])
        .execute();
      await db.schema
        .createTable('judicial_moves')
        .addColumn('request_id', 'text', (column) => column.notNull().references('judicial_requests.request_id'))
        .addColumn('seq', 'integer', (column) => column.notNull())
        .addColumn('from_state', 'text', (column) => column.notNull())
        .addColumn('to_state', 'text', (column) => column.notNull())
        .addColumn('party', 'text', (column) => column.notNull())
        .addColumn('authority', 'text', (column) => column.notNull())
        .addColumn('at', 'text', (column) => column.notNull())
        .addColumn('at_ms', bigint, (column) => column.notNull())
        .addColumn('reason', 'text')
        .addColumn('ground', 'text')
        .addColumn('grounds_text', 'text')
        .addColumn('recorded_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('judicial_moves_pk', ['request_id', 'seq'])
        .execute();
      await db.schema
        .createTable('judicial_receipts')
        .addColumn('request_id', 'text', (column) => column.notNull().references('judicial_requests.request_id'))
        .addColumn('message_id', 'text', (column) => column.notNull())
        .addColumn('evidence', 'text', (column) => column.notNull())
        .addColumn('issuer', 'text', (column) => column.notNull())
        .addColumn('at', 'text', (column) => column.notNull())
        .addColumn('reason', 'text')
        .addColumn('recorded_at', 'text', (column) => column.notNull())
        // The same evidence from the same issuer about the same message is said once.
        .addPrimaryKeyConstraint('judicial_receipts_pk', ['message_id', 'evidence', 'issuer'])
        .execute();
      await db.schema
        .createTable('judicial_reminders')
        .addColumn('request_id', 'text', (column) => column.notNull().references('judicial_requests.request_id'))
        .addColumn('armed_on', 'integer', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('days', 'integer', (column) => column.notNull())
        .addColumn('due_at', 'text', (column) => column.notNull())
        .addColumn('fired_at', 'text', (column) => column.notNull())
        // Once per quiet spell: two scans, or two scanners, cannot fire the same reminder twice.
        .addPrimaryKeyConstraint('judicial_reminders_pk', ['request_id', 'armed_on'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('judicial_reminders').execute();
      await db.schema.dropTable('judicial_receipts').execute();
      await db.schema.dropTable('judicial_moves').execute();
      await db.schema.dropTable('judicial_requests').execute();
    },
  };
}

import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { HoldsDriver } from '../holds-store.factory';

export function createHolds(driver: HoldsDriver): Migration {
  const bigint = driver === 'postgres' ? 'bigint' : 'integer';
  const bytes = driver === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('holds')
        .addColumn('id', 'text', (column) => column.primaryKey())
        // One hold per message: a redelivered message finds the hold it already has.
        .addColumn('message_id', 'text', (column) => column.notNull().unique())
        .addColumn('correlation_id', 'text')
        .addColumn('sender', 'text', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('classification', 'text', (column) => column.notNull())
        .addColumn('destination', 'text', (column) => column.notNull())
        .addColumn('rule', 'text', (column) => column.notNull())
        .addColumn('reason', 'text', (column) => column.notNull())
        .addColumn('approvals_required', 'integer', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .addColumn('expires_at_ms', bigint, (column) => column.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('forwarded_at', 'text')
        .addColumn('forward_claimed_until_ms', bigint)
        .addColumn('body', sql.raw(bytes))
        .addColumn('signature', 'text')
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('holds_status_idx')
        .on('holds')
        .columns(['status', 'expires_at_ms'])
        .execute();
      await db.schema
        .createTable('hold_decisions')
        .addColumn('hold_id', 'text', (column) => column.notNull().references('holds.id'))
        .addColumn('operator_id', 'text', (column) => column.notNull())
        .addColumn('decision', 'text', (column) => column.notNull())
        .addColumn('certificate_fingerprint', 'text', (column) => column.notNull())
        .addColumn('at', 'text', (column) => column.notNull())
        .addColumn('reason', 'text')
        .addColumn('statement', 'text', (column) => column.notNull())
        .addColumn('signature', 'text', (column) => column.notNull())
        .addColumn('recorded_at', 'text', (column) => column.notNull())
        // Four eyes: one operator counts once per hold, whatever the race.
        .addPrimaryKeyConstraint('hold_decisions_pk', ['hold_id', 'operator_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('hold_decisions').execute();
      await db.schema.dropTable('holds').execute();
    },
  };
}

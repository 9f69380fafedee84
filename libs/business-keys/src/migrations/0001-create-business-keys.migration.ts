import type { Kysely, Migration } from 'kysely';
import type { JournalDriver } from '@pcms/journal';

export function createBusinessKeys(driver: JournalDriver): Migration {
  const bigint = driver === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('business_keys')
        .addColumn('hash', 'text', (column) => column.notNull())
        .addColumn('message_id', 'text', (column) => column.notNull())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('at_ms', bigint, (column) => column.notNull())
        // A redelivered batch writes the same rows again: the key makes that a no-op.
        .addPrimaryKeyConstraint('business_keys_pk', ['hash', 'message_id'])
        .execute();
      // A search reads one hash's messages newest first.
      await db.schema
        .createIndex('business_keys_hash_at_idx')
        .on('business_keys')
        .columns(['hash', 'at_ms'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('business_keys').execute();
    },
  };
}

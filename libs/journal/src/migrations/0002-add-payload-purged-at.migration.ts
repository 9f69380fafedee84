import type { Kysely, Migration } from 'kysely';

/**
 * When the retention purge dropped an entry's payload: `trace` can then say "purged on …" rather
 * than "not kept". Not hashed (the purge must leave the chain intact), like `payload_sealed`.
 */
export function addPayloadPurgedAt(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('journal_entries').addColumn('payload_purged_at', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('journal_entries').dropColumn('payload_purged_at').execute();
    },
  };
}

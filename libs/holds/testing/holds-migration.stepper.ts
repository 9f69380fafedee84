// Tests only: brings a fresh database to an earlier holds migration, as an older release left it,
// so that a spec can write rows the way that release did and watch the next migrations carry them.
import { PayloadCipher, openJournalDatabase, type JournalDatabaseLocation } from '@pcms/journal';
import { Migrator } from 'kysely';
import {
  HOLDS_MIGRATION_LOCK_TABLE,
  HOLDS_MIGRATION_TABLE,
  holdsMigrations,
} from '../src/migrations/holds.migrations';

export type HoldsMigrationName = '0001-create-holds' | '0002-seal-held-bodies' | '0003-record-held-digests';

export async function migrateHoldsTo(
  location: JournalDatabaseLocation,
  payloadKey: Buffer,
  migration: HoldsMigrationName,
): Promise<void> {
  const db = openJournalDatabase<unknown>(location);
  try {
    const { error } = await new Migrator({
      db,
      provider: holdsMigrations(location.driver, new PayloadCipher(payloadKey)),
      migrationTableName: HOLDS_MIGRATION_TABLE,
      migrationLockTableName: HOLDS_MIGRATION_LOCK_TABLE,
    }).migrateTo(migration);
    if (error !== undefined) throw new Error(`holds migration to ${migration} failed`, { cause: error });
  } finally {
    await db.destroy();
  }
}

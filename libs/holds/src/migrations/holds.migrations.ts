// Listed rather than discovered on disk, like the journal's: the same code runs from ts sources
// under jest and from the compiled dist. Tracked in their own table (holds_migrations) so the
// journal's and the holds' migrations never mistake each other in the shared database.
import type { PayloadCipher } from '@pcms/journal';
import type { Migration, MigrationProvider } from 'kysely';
import type { HoldsDriver } from '../holds-store.factory';
import { createHolds } from './0001-create-holds.migration';
import { sealHeldBodies } from './0002-seal-held-bodies.migration';
import { recordHeldDigests } from './0003-record-held-digests.migration';

export const HOLDS_MIGRATION_TABLE = 'holds_migrations';
export const HOLDS_MIGRATION_LOCK_TABLE = 'holds_migrations_lock';

/** The cipher seals, in 0002, the messages that 0001 kept in clear, and opens them in 0003 to record their digests. */
export function holdsMigrations(driver: HoldsDriver, cipher: PayloadCipher): MigrationProvider {
  return {
    getMigrations: (): Promise<Record<string, Migration>> =>
      Promise.resolve({
        '0001-create-holds': createHolds(driver),
        '0002-seal-held-bodies': sealHeldBodies(driver, cipher),
        '0003-record-held-digests': recordHeldDigests(cipher),
      }),
  };
}

// Opens the holds where the journal lives (journal.driver), through the journal's one opener: the
// SQLite file under the data folder, or the PostgreSQL database that several machines share.
import type { LoadedConfig } from '@pcms/config';
import {
  JournalError,
  PayloadCipher,
  journalLocationFromConfig,
  openJournalDatabase,
  payloadKeyFromConfig,
  type JournalDatabaseLocation,
  type JournalDriver,
} from '@pcms/journal';
import type { HoldStore } from './hold.types';
import { HoldsError, HoldsErrorCode } from './holds.error';
import type { HoldsDatabase } from './holds.schema';
import { KyselyHoldStore } from './kysely-holds.store';

export type HoldsDriver = JournalDriver;

export interface OpenHoldStoreOptions extends JournalDatabaseLocation {
  /**
   * The journal's payload key (32 bytes): held messages are sealed with it at rest, also when
   * journal.payloads.keep is `none` (a hold must keep the bytes to release them).
   */
  payloadKey: Buffer;
}

/** Opens the store and brings its tables to the latest migration. */
export async function openHoldStore(options: OpenHoldStoreOptions): Promise<HoldStore> {
  const store = asHoldsConfigError(
    () =>
      new KyselyHoldStore(
        openJournalDatabase<HoldsDatabase>(options),
        options.driver,
        new PayloadCipher(options.payloadKey),
      ),
  );
  try {
    await store.migrate();
  } catch (error: unknown) {
    await store.close();
    throw error;
  }
  return store;
}

/** The holds in the journal's database as configured (journal.*), sealed with journal.payloads.keyFile. */
export async function holdStoreFromConfig(config: LoadedConfig): Promise<HoldStore> {
  const payloadKey = asHoldsConfigError(() => payloadKeyFromConfig(config));
  return openHoldStore({ ...journalLocationFromConfig(config), payloadKey });
}

/** The journal's refusals (no file, no URL, a bad key) as the holds' own coded error. */
function asHoldsConfigError<T>(open: () => T): T {
  try {
    return open();
  } catch (error: unknown) {
    if (!(error instanceof JournalError)) throw error;
    throw new HoldsError(
      HoldsErrorCode.ConfigInvalid,
      error.message,
      { journalCode: error.code },
      { cause: error },
    );
  }
}

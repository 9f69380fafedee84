// Opens the holds where the journal lives (journal.driver), through the journal's one opener: the
// SQLite file under the data folder, or the PostgreSQL database that several machines share.
import type { LoadedConfig } from '@pcms/config';
import {
  openStoreBesideJournal,
  sealedStoreOptionsFromConfig,
  type JournalDriver,
  type JournalError,
  type SealedStoreOptions,
} from '@pcms/journal';
import type { HoldStore } from './hold.types';
import { HoldsError, HoldsErrorCode } from './holds.error';
import type { HoldsDatabase } from './holds.schema';
import { KyselyHoldStore } from './kysely-holds.store';

export type HoldsDriver = JournalDriver;

/**
 * Where the holds live, and the journal's payload key: held messages are sealed with it at rest,
 * also when journal.payloads.keep is `none` (a hold must keep the bytes to release them).
 */
export type OpenHoldStoreOptions = SealedStoreOptions;

/** Opens the store and brings its tables to the latest migration. */
export async function openHoldStore(options: OpenHoldStoreOptions): Promise<HoldStore> {
  return openStoreBesideJournal<HoldsDatabase, KyselyHoldStore>(
    options,
    (db, driver, cipher) => new KyselyHoldStore(db, driver, cipher),
    asHoldsConfigError,
  );
}

/** The holds in the journal's database as configured (journal.*), sealed with journal.payloads.keyFile. */
export async function holdStoreFromConfig(config: LoadedConfig): Promise<HoldStore> {
  return openHoldStore(sealedStoreOptionsFromConfig(config, asHoldsConfigError));
}

/** The journal's refusals (no file, no URL, a bad key) as the holds' own coded error. */
function asHoldsConfigError(error: JournalError): HoldsError {
  return new HoldsError(
    HoldsErrorCode.ConfigInvalid,
    error.message,
    { journalCode: error.code },
    { cause: error },
  );
}

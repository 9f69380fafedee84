// Opens the request store where the journal lives (journal.driver), through the journal's one
// opener, as the holds do: the SQLite file under the data folder, or the shared PostgreSQL database.
import type { LoadedConfig } from '@pcms/config';
import {
  openStoreBesideJournal,
  sealedStoreOptionsFromConfig,
  type JournalError,
  type SealedStoreOptions,
} from '@pcms/journal';
import { JudicialError, JudicialErrorCode } from '../judicial.error';
import type { JudicialDatabase } from './judicial-store.schema';
import type { JudicialStore } from './judicial-store.types';
import { KyselyJudicialStore } from './kysely-judicial.store';

/** Where the requests live, and the journal's payload key: a request's bytes are sealed with it at rest. */
export type OpenJudicialStoreOptions = SealedStoreOptions;

/** Opens the store and brings its tables to the latest migration. */
export async function openJudicialStore(options: OpenJudicialStoreOptions): Promise<JudicialStore> {
  return openStoreBesideJournal<JudicialDatabase, KyselyJudicialStore>(
    options,
    (db, driver, cipher) => new KyselyJudicialStore(db, driver, cipher),
    asStoreConfigError,
  );
}

/** The store in the journal's database as configured (journal.*), sealed with journal.payloads.keyFile. */
export async function judicialStoreFromConfig(config: LoadedConfig): Promise<JudicialStore> {
  return openJudicialStore(sealedStoreOptionsFromConfig(config, asStoreConfigError));
}

function asStoreConfigError(error: JournalError): JudicialError {
  return new JudicialError(JudicialErrorCode.StoreConfigInvalid, error.message, [], { cause: error });
}

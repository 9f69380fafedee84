// Opens the request store where the journal lives (journal.driver), through the journal's one
// opener, as the holds do: the SQLite file under the data folder, or the shared PostgreSQL database.
import type { LoadedConfig } from '@pcms/config';
import {
  JournalError,
  PayloadCipher,
  journalLocationFromConfig,
  openJournalDatabase,
  payloadKeyFromConfig,
  type JournalDatabaseLocation,
} from '@pcms/journal';
import { JudicialError, JudicialErrorCode } from '../judicial.error';
import type { JudicialDatabase } from './judicial-store.schema';
import type { JudicialStore } from './judicial-store.types';
import { KyselyJudicialStore } from './kysely-judicial.store';

export interface OpenJudicialStoreOptions extends JournalDatabaseLocation {
  /** The journal's payload key (32 bytes): a request's bytes are sealed with it at rest. */
  payloadKey: Buffer;
}

/** Opens the store and brings its tables to the latest migration. */
export async function openJudicialStore(options: OpenJudicialStoreOptions): Promise<JudicialStore> {
  const store = asStoreConfigError(
    () =>
      new KyselyJudicialStore(
        openJournalDatabase<JudicialDatabase>(options),
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

/** The store in the journal's database as configured (journal.*), sealed with journal.payloads.keyFile. */
export async function judicialStoreFromConfig(config: LoadedConfig): Promise<JudicialStore> {
  const payloadKey = asStoreConfigError(() => payloadKeyFromConfig(config));
  return openJudicialStore({ ...journalLocationFromConfig(config), payloadKey });
}

function asStoreConfigError<T>(open: () => T): T {
  try {
    return open();
  } catch (error: unknown) {
    if (!(error instanceof JournalError)) throw error;
    throw new JudicialError(JudicialErrorCode.StoreConfigInvalid, error.message, [], { cause: error });
  }
}

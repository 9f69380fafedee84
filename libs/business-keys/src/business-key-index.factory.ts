// Opens the index where the journal lives (journal.driver), through the journal's one opener, with
// its HMAC key kept like the payload key: a file of 32 random bytes (base64), mode 0600, made on
// first use, under the data folder unless the path is absolute (journal.businessKeys.keyFile).
import { isAbsolute, join } from 'node:path';
import type { LoadedConfig } from '@pcms/config';
import {
  JournalError,
  journalLocationFromConfig,
  loadOrCreatePayloadKey,
  openJournalDatabase,
  type JournalDatabaseLocation,
} from '@pcms/journal';
import { BusinessKeyHasher } from './business-key.hasher';
import { BusinessKeyIndex } from './business-key.index';
import { BusinessKeysError, BusinessKeysErrorCode } from './business-keys.error';
import type { BusinessKeysDatabase } from './business-keys.schema';
import { KyselyBusinessKeyIndex, type NameSearchPlan } from './kysely-business-key.index';

export interface OpenBusinessKeyIndexOptions extends JournalDatabaseLocation {
  /** The index's HMAC key, 32 bytes. */
  key: Buffer;
  /** Tests force each way of reading the index with small bounds; the defaults are measured. */
  nameSearchPlan?: NameSearchPlan;
}

/** Opens the index and brings its table to the latest migration. */
export async function openBusinessKeyIndex(options: OpenBusinessKeyIndexOptions): Promise<BusinessKeyIndex> {
  const hasher = new BusinessKeyHasher(options.key);
  let store: KyselyBusinessKeyIndex;
  try {
    store = new KyselyBusinessKeyIndex(
      openJournalDatabase<BusinessKeysDatabase>(options),
      options.driver,
      options.nameSearchPlan,
    );
  } catch (error: unknown) {
    if (!(error instanceof JournalError)) throw error;
    throw new BusinessKeysError(BusinessKeysErrorCode.ConfigInvalid, error.message, { cause: error });
  }
  try {
    await store.migrate();
  } catch (error: unknown) {
    // A store whose migration failed still holds a pool or a file handle.
    await store.close();
    throw error;
  }
  return new BusinessKeyIndex(store, hasher);
}

/** The index's key (journal.businessKeys.keyFile), made on first use. */
export function businessKeyFromConfig(config: LoadedConfig): Buffer {
  const { keyFile } = config.journal.businessKeys;
  const file = isAbsolute(keyFile) ? keyFile : join(config.paths.data, keyFile);
  try {
    return loadOrCreatePayloadKey(file);
  } catch (error: unknown) {
    if (!(error instanceof JournalError)) throw error;
    throw new BusinessKeysError(
      BusinessKeysErrorCode.KeyInvalid,
      `the business-key index key: ${error.message}`,
      {
        cause: error,
      },
    );
  }
}

/** The index in the journal's database as configured (journal.*), keyed by journal.businessKeys.keyFile. */
export function businessKeyIndexFromConfig(config: LoadedConfig): Promise<BusinessKeyIndex> {
  return openBusinessKeyIndex({ ...journalLocationFromConfig(config), key: businessKeyFromConfig(config) });
}

// Opens the holds where the journal lives (journal.driver): the SQLite file under the data folder,
// or the PostgreSQL database that several machines share. Same pragmas as the journal's store.
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import type { LoadedConfig } from '@pcms/config';
import type { HoldStore } from './hold.types';
import { HoldsError, HoldsErrorCode } from './holds.error';
import type { HoldsDatabase } from './holds.schema';
import { KyselyHoldStore } from './kysely-holds.store';

export type HoldsDriver = 'sqlite' | 'postgres';

export interface OpenHoldStoreOptions {
  driver: HoldsDriver;
  sqliteFile?: string;
  postgresUrl?: string;
}

function openSqlite(file: string): Kysely<HoldsDatabase> {
  mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  // A decision the CLI reported as recorded survives a power cut.
  database.pragma('synchronous = FULL');
  // The router, the journal writer and the CLI share the file: wait out each other's write locks.
  database.pragma('busy_timeout = 15000');
  return new Kysely<HoldsDatabase>({ dialect: new SqliteDialect({ database }) });
}

function openPostgres(url: string): Kysely<HoldsDatabase> {
  const pool = new Pool({ connectionString: url, max: 4 });
  // An idle connection closed by the server is reported on the pool; unheard, it kills the process.
  pool.on('error', () => undefined);
  return new Kysely<HoldsDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens the store and brings its tables to the latest migration. */
export async function openHoldStore(options: OpenHoldStoreOptions): Promise<HoldStore> {
  let store: KyselyHoldStore;
  switch (options.driver) {
    case 'sqlite':
      if (!options.sqliteFile)
        throw new HoldsError(HoldsErrorCode.ConfigInvalid, 'journal.sqliteFile is empty');
      store = new KyselyHoldStore(openSqlite(options.sqliteFile), 'sqlite');
      break;
    case 'postgres':
      if (!options.postgresUrl) {
        throw new HoldsError(
          HoldsErrorCode.ConfigInvalid,
          'journal.driver is postgres but journal.postgresUrl is empty',
        );
      }
      store = new KyselyHoldStore(openPostgres(options.postgresUrl), 'postgres');
      break;
  }
  try {
    await store.migrate();
  } catch (error: unknown) {
    await store.close();
    throw error;
  }
  return store;
}

/** The holds in the journal's database as configured (journal.*), relative paths against the data folder. */
export function holdStoreFromConfig(config: LoadedConfig): Promise<HoldStore> {
  const { journal } = config;
  const file = isAbsolute(journal.sqliteFile)
    ? journal.sqliteFile
    : join(config.paths.data, journal.sqliteFile);
  return openHoldStore({ driver: journal.driver, sqliteFile: file, postgresUrl: journal.postgresUrl });
}

// Opens the journal on SQLite (a file under the data folder, no server) or PostgreSQL (several
// writer processes on several machines), by one setting: journal.driver.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Pool } from 'pg';
import type { LoadedConfig } from '@pcms/config';
import { JournalError, JournalErrorCode } from './journal.error';
import type { JournalDatabase } from './journal.schema';
import type { JournalDriver, JournalStore, OpenJournalStoreOptions } from './journal.types';
import { KyselyJournalStore, type ChainLock } from './kysely-journal.store';
import { PayloadCipher } from './payload.cipher';

/** One key for every journal: appenders on any machine exclude each other (ASCII "pcmsjrnl"). */
const CHAIN_LOCK_KEY = '8098991146308333164';
const KEY_BYTES = 32;

// The transaction's first statement is a write, so SQLite takes the write lock (waiting out
// busy_timeout) before the head is read: a reader that upgrades later would fail with BUSY.
const sqliteLock: ChainLock = async (trx) => {
  await trx
    .updateTable('journal_chain_lock')
    .set({ touched_at: new Date().toISOString() })
    .where('id', '=', 1)
    .execute();
};

// Held until commit or rollback; released by PostgreSQL if the writer dies.
const postgresLock: ChainLock = async (trx) => {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint)`.execute(trx);
};

/** Where a database on the journal's server lives: the journal's own tables, the holds' tables. */
export type JournalDatabaseLocation = Pick<OpenJournalStoreOptions, 'driver' | 'sqliteFile' | 'postgresUrl'>;

function openSqlite<DB>(file: string): Kysely<DB> {
  mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  // FULL: a committed batch (or a recorded hold decision) survives a power cut too, not only a killed process.
  database.pragma('synchronous = FULL');
  // Several processes share the file (writer, router, CLI): wait out each other's write locks.
  database.pragma('busy_timeout = 15000');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
}

function openPostgres<DB>(url: string): Kysely<DB> {
  const pool = new Pool({ connectionString: url, max: 4 });
  // A connection closed by the server (restart, failover, pg_terminate_backend) reports it with an
  // 'error' event, on the pool while the connection is idle, on the connection itself while it is
  // held (a transaction between two statements); unheard, either kills the process. The statement in
  // hand fails and its caller retries; the pool drops that connection on its release and the next
  // query opens a fresh one, so there is nothing else to do here.
  pool.on('error', () => undefined);
  pool.on('connect', (connection) => connection.on('error', () => undefined));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * The one way to open the journal's database, whatever tables a caller keeps there (the journal,
 * the holds): same pragmas, same pool, same refusals. No migration runs here.
 */
export function openJournalDatabase<DB>(location: JournalDatabaseLocation): Kysely<DB> {
  switch (location.driver) {
    case 'sqlite':
      if (!location.sqliteFile)
        throw new JournalError(JournalErrorCode.ConfigInvalid, 'journal.sqliteFile is empty');
      return openSqlite<DB>(location.sqliteFile);
    case 'postgres':
      if (!location.postgresUrl) {
        throw new JournalError(
          JournalErrorCode.ConfigInvalid,
          'journal.driver is postgres but journal.postgresUrl is empty',
        );
      }
      return openPostgres<DB>(location.postgresUrl);
  }
}

/** Opens the store and brings its schema to the latest migration. */
export async function openJournalStore(options: OpenJournalStoreOptions): Promise<JournalStore> {
  let cipher: PayloadCipher | undefined;
  if (options.payloads.keep === 'encrypted') {
    if (!options.payloads.key) {
      throw new JournalError(
        JournalErrorCode.KeyInvalid,
        'payloads are to be kept encrypted but no key was given',
      );
    }
    cipher = new PayloadCipher(options.payloads.key);
  }
  const lock = options.driver === 'postgres' ? postgresLock : sqliteLock;
  return migrateOrClose(
    new KyselyJournalStore(openJournalDatabase<JournalDatabase>(options), options.driver, lock, cipher),
  );
}

/** A store kept in the journal's database beside it, with its own tables and kysely migrations table. */
export interface MigratingStore {
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** A store beside the journal (the holds, the judicial requests): where it lives, what seals it. */
export interface SealedStoreOptions extends JournalDatabaseLocation {
  /** The journal's payload key (32 bytes): the store seals the bytes it keeps with it at rest. */
  payloadKey: Buffer;
}

/**
 * Opens a store that another lib keeps in the journal's database, by the journal's one opener, and
 * brings its tables to the latest migration. The journal's refusals (no file, no URL, a bad key)
 * reach the caller as that lib's own coded error, made by `asOwnError`.
 */
export async function openStoreBesideJournal<DB, S extends MigratingStore>(
  options: SealedStoreOptions,
  create: (db: Kysely<DB>, driver: JournalDriver, cipher: PayloadCipher) => S,
  asOwnError: (error: JournalError) => Error,
): Promise<S> {
  const store = rethrowJournalError(
    () => create(openJournalDatabase<DB>(options), options.driver, new PayloadCipher(options.payloadKey)),
    asOwnError,
  );
  return migrateOrClose(store);
}

/** Where such a store lives as configured (journal.*), sealed with journal.payloads.keyFile. */
export function sealedStoreOptionsFromConfig(
  config: LoadedConfig,
  asOwnError: (error: JournalError) => Error,
): SealedStoreOptions {
  const payloadKey = rethrowJournalError(() => payloadKeyFromConfig(config), asOwnError);
  return { ...journalLocationFromConfig(config), payloadKey };
}

// A store whose migration failed still holds a pool or a file handle: released before the error goes up.
async function migrateOrClose<S extends MigratingStore>(store: S): Promise<S> {
  try {
    await store.migrate();
  } catch (error: unknown) {
    await store.close();
    throw error;
  }
  return store;
}

function rethrowJournalError<T>(open: () => T, asOwnError: (error: JournalError) => Error): T {
  try {
    return open();
  } catch (error: unknown) {
    if (!(error instanceof JournalError)) throw error;
    throw asOwnError(error);
  }
}

/** Reads the payload key, or makes one (32 random bytes, base64, mode 0600) on first use. */
export function loadOrCreatePayloadKey(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true });
  // Processes starting together all try: the key is written whole to a file of this process's own,
  // then linked to its name, which only one link can take; the others read the winner's. (Created
  // with 'wx' and then written, the file was empty for a moment, and a reader then stopped.)
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(draft, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    linkSync(draft, file);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new JournalError(JournalErrorCode.KeyInvalid, `the payload key file ${file} cannot be written`, {
        cause: error,
      });
    }
  } finally {
    rmSync(draft, { force: true });
  }
  let key: Buffer;
  try {
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error: unknown) {
    throw new JournalError(JournalErrorCode.KeyInvalid, `the payload key file ${file} cannot be read`, {
      cause: error,
    });
  }
  if (key.length !== KEY_BYTES) {
    throw new JournalError(
      JournalErrorCode.KeyInvalid,
      `the payload key file ${file} does not hold ${KEY_BYTES} base64 bytes`,
    );
  }
  return key;
}

/** The journal's database as configured (journal.*), a relative SQLite file against the data folder. */
export function journalLocationFromConfig(config: LoadedConfig): JournalDatabaseLocation {
  const { journal } = config;
  return {
    driver: journal.driver,
    sqliteFile: inDataFolder(config, journal.sqliteFile),
    postgresUrl: journal.postgresUrl,
  };
}

/** The payload key of the deployment (journal.payloads.keyFile), made on first use. */
export function payloadKeyFromConfig(config: LoadedConfig): Buffer {
  return loadOrCreatePayloadKey(inDataFolder(config, config.journal.payloads.keyFile));
}

/** The journal as configured (journal.*), relative paths against the data folder. */
export async function journalStoreFromConfig(config: LoadedConfig): Promise<JournalStore> {
  const { payloads } = config.journal;
  const key = payloads.keep === 'encrypted' ? payloadKeyFromConfig(config) : undefined;
  return openJournalStore({ ...journalLocationFromConfig(config), payloads: { keep: payloads.keep, key } });
}

function inDataFolder(config: LoadedConfig, path: string): string {
  return isAbsolute(path) ? path : join(config.paths.data, path);
}

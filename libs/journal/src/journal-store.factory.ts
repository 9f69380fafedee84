// Opens the journal on SQLite (a file under the data folder, no server) or PostgreSQL (several
// writer processes on several machines), by one setting: journal.driver.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Pool } from 'pg';
import type { LoadedConfig } from '@pcms/config';
import { JournalError, JournalErrorCode } from './journal.error';
import type { JournalDatabase } from './journal.schema';
import type { JournalStore, OpenJournalStoreOptions } from './journal.types';
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

function openSqlite(file: string): Kysely<JournalDatabase> {
  mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  // FULL: a committed batch survives a power cut too, not only a killed process.
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 15000');
  return new Kysely<JournalDatabase>({ dialect: new SqliteDialect({ database }) });
}

function openPostgres(url: string): Kysely<JournalDatabase> {
  const pool = new Pool({ connectionString: url, max: 4 });
  // An idle connection closed by the server (restart, failover, pg_terminate_backend) is reported
  // on the pool; unheard, it would kill the process. The pool drops that client and the next
  // query opens a fresh one, so there is nothing else to do here.
  pool.on('error', () => undefined);
  return new Kysely<JournalDatabase>({ dialect: new PostgresDialect({ pool }) });
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
  let store: KyselyJournalStore;
  switch (options.driver) {
    case 'sqlite':
      if (!options.sqliteFile)
        throw new JournalError(JournalErrorCode.ConfigInvalid, 'journal.sqliteFile is empty');
      store = new KyselyJournalStore(openSqlite(options.sqliteFile), 'sqlite', sqliteLock, cipher);
      break;
    case 'postgres':
      if (!options.postgresUrl) {
        throw new JournalError(
          JournalErrorCode.ConfigInvalid,
          'journal.driver is postgres but journal.postgresUrl is empty',
        );
      }
      store = new KyselyJournalStore(openPostgres(options.postgresUrl), 'postgres', postgresLock, cipher);
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

/** Reads the payload key, or makes one (32 random bytes, base64, mode 0600) on first use. */
export function loadOrCreatePayloadKey(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx': two processes starting together cannot both write a key; the loser reads the winner's.
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new JournalError(JournalErrorCode.KeyInvalid, `the payload key file ${file} cannot be written`, {
        cause: error,
      });
    }
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

/** The journal as configured (journal.*), relative paths against the data folder. */
export async function journalStoreFromConfig(config: LoadedConfig): Promise<JournalStore> {
  const { journal } = config;
  const inData = (path: string) => (isAbsolute(path) ? path : join(config.paths.data, path));
  const key =
    journal.payloads.keep === 'encrypted'
      ? loadOrCreatePayloadKey(inData(journal.payloads.keyFile))
      : undefined;
  return openJournalStore({
    driver: journal.driver,
    sqliteFile: inData(journal.sqliteFile),
    postgresUrl: journal.postgresUrl,
    payloads: { keep: journal.payloads.keep, key },
  });
}

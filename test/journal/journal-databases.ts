// A fresh journal database per test file, on each driver, and a raw SQL door into it so that
// tests can tamper with rows the way an intruder with database access would.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { JournalDriver, OpenJournalStoreOptions } from '@pcms/journal';

const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface JournalTestDatabase {
  /** Where openJournalStore finds the database. */
  location: Pick<OpenJournalStoreOptions, 'driver' | 'sqliteFile' | 'postgresUrl'>;
  /** Runs SQL outside the store; `?` placeholders on both drivers. */
  exec(statement: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

async function adminQuery(statement: string): Promise<void> {
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

function sqliteDatabase(): JournalTestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'pcms-journal-'));
  const file = join(dir, 'journal.sqlite');
  return {
    location: { driver: 'sqlite', sqliteFile: file },
    exec: (statement, params = []) => {
      const db = new Database(file);
      try {
        const prepared = db.prepare(statement);
        return Promise.resolve(
          prepared.reader
            ? (prepared.all(...params) as Record<string, unknown>[])
            : (prepared.run(...params), []),
        );
      } finally {
        db.close();
      }
    },
    drop: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

async function postgresDatabase(testFile: string): Promise<JournalTestDatabase> {
  const stem = basename(testFile)
    .replace(/\.e2e-spec\.ts$/, '')
    .replace(/[^a-z0-9]/gi, '_');
  const name = `t_${stem}_${randomBytes(4).toString('hex')}`.toLowerCase();
  await adminQuery(`create database ${name}`);
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  return {
    location: { driver: 'postgres', postgresUrl: url },
    exec: async (statement, params = []) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        let index = 0;
        const numbered = statement.replace(/\?/g, () => `$${++index}`);
        return (await client.query(numbered, params)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

export function journalTestDatabase(driver: JournalDriver, testFile: string): Promise<JournalTestDatabase> {
  return driver === 'sqlite' ? Promise.resolve(sqliteDatabase()) : postgresDatabase(testFile);
}

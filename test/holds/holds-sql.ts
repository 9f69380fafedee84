// Raw SQL on the run's holds tables, whichever database the journal is on, the way someone with
// database access would change them (to move a deadline as time would, or to forge an approval).
import type { LoadedConfig } from '@pcms/config';
import Database from 'better-sqlite3';
import { isAbsolute, join } from 'node:path';
import { Client } from 'pg';

/** Runs one statement with `?` placeholders on SQLite or PostgreSQL; returns the rows it read. */
export async function holdsSql(
  config: LoadedConfig,
  statement: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const { journal } = config;
  if (journal.driver === 'postgres') {
    const client = new Client({ connectionString: journal.postgresUrl });
    await client.connect();
    try {
      let index = 0;
      return (
        await client.query(
          statement.replace(/\?/g, () => `$${++index}`),
          params,
        )
      ).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }
  const file = isAbsolute(journal.sqliteFile)
    ? journal.sqliteFile
    : join(config.paths.data, journal.sqliteFile);
  const db = new Database(file);
  try {
    // The router and the journal writer hold the same file: wait out their write locks.
    db.pragma('busy_timeout = 15000');
    const prepared = db.prepare(statement);
    return prepared.reader
      ? (prepared.all(...params) as Record<string, unknown>[])
      : (prepared.run(...params), []);
  } finally {
    db.close();
  }
}

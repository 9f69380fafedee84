// A PostgreSQL connection closed by the server while a process holds it between two statements
// (PostgreSQL restarting, a failover, pg_terminate_backend): the chaos run's PostgreSQL restart
// killed its own process this way, with an 'error' event nobody listened to. What must happen
// instead: the statement in hand fails with an error the caller can retry, the process lives on,
// and the next statement gets a fresh connection.
import { openJournalDatabase } from '@pcms/journal';
import { sql, type Kysely } from 'kysely';
import { Client } from 'pg';
import { journalTestDatabase, type JournalTestDatabase } from './journal-databases';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

describe('a PostgreSQL connection terminated while it is held', () => {
  let database: JournalTestDatabase;
  let db: Kysely<unknown>;
  let admin: Client;
  const uncaught: unknown[] = [];
  const keep = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    database = await journalTestDatabase('postgres', __filename);
    db = openJournalDatabase<unknown>(database.location);
    admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    process.prependListener('uncaughtException', keep);
  });

  afterAll(async () => {
    process.removeListener('uncaughtException', keep);
    await db?.destroy();
    await admin?.end();
    await database?.drop();
  });

  it('fails the transaction that held it, not the process, and serves the next query', async () => {
    const inTransaction = db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      const pid = rows[0].pid;
      await admin.query('select pg_terminate_backend($1)', [pid]);
      // Barrier: the backend is gone, so its goodbye was written to our socket before this answer.
      for (;;) {
        const left = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid]);
        if (left.rowCount === 0) break;
      }
      await new Promise((resolve) => setImmediate(resolve));
      await sql`select 1`.execute(trx);
    });

    await expect(inTransaction).rejects.toThrow();
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(rows).toEqual([{ one: 1 }]);
    expect(uncaught).toEqual([]);
  });
});

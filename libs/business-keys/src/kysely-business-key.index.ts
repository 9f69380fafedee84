// The index on the journal's database (SQLite or PostgreSQL): rows of keyed hashes, written by the
// journal writer, read by the console and `pcms search --key`.
import { Migrator, sql, type Kysely } from 'kysely';
import type { JournalDriver } from '@pcms/journal';
import { BusinessKeysError, BusinessKeysErrorCode } from './business-keys.error';
import type { BusinessKeysDatabase } from './business-keys.schema';
import type { BusinessKeyRow, HashedBusinessKeyQuery } from './business-key.types';
import {
  BUSINESS_KEYS_MIGRATION_LOCK_TABLE,
  BUSINESS_KEYS_MIGRATION_TABLE,
  businessKeysMigrations,
} from './migrations/business-keys.migrations';

const INSERT_CHUNK = 200;

export class KyselyBusinessKeyIndex {
  constructor(
    private readonly db: Kysely<BusinessKeysDatabase>,
    private readonly driver: JournalDriver,
  ) {}

  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: businessKeysMigrations(this.driver),
      migrationTableName: BUSINESS_KEYS_MIGRATION_TABLE,
      migrationLockTableName: BUSINESS_KEYS_MIGRATION_LOCK_TABLE,
    });
    const { error } = await migrator.migrateToLatest();
    if (error !== undefined) {
      throw new BusinessKeysError(
        BusinessKeysErrorCode.MigrationFailed,
        'the business-key index schema could not be migrated',
        { cause: error },
      );
    }
  }

  /** Writes the rows in one transaction; rows already there (same hash and message) are skipped. */
  async record(rows: readonly BusinessKeyRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.db.transaction().execute(async (trx) => {
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          await trx
            .insertInto('business_keys')
            .values(
              rows.slice(start, start + INSERT_CHUNK).map((row) => ({
                hash: row.hash,
                message_id: row.messageId,
                kind: row.kind,
                at_ms: row.atMs,
              })),
            )
            .onConflict((conflict) => conflict.columns(['hash', 'message_id']).doNothing())
            .execute();
        }
      });
    } catch (error: unknown) {
      throw new BusinessKeysError(
        BusinessKeysErrorCode.WriteFailed,
        `the business-key index could not record ${rows.length} rows`,
        { cause: error },
      );
    }
  }

  /**
   * The messages the query finds, newest first, at most `limit`: those whose name has every word
   * of the query (each word by any of its hashes), and those with the text as a notice id or a
   * warrant reference.
   */
  async find(query: HashedBusinessKeyQuery, limit: number): Promise<string[]> {
    const found = new Map<string, number>();
    for (const hit of [
      ...(await this.byName(query.nameWords, limit)),
      ...(await this.byReference(query.references, limit)),
    ]) {
      found.set(hit.messageId, Math.max(hit.atMs, found.get(hit.messageId) ?? 0));
    }
    return [...found.entries()]
      .sort(([idA, atA], [idB, atB]) => atB - atA || idA.localeCompare(idB))
      .slice(0, limit)
      .map(([messageId]) => messageId);
  }

  private async byName(
    words: readonly (readonly string[])[],
    limit: number,
  ): Promise<{ messageId: string; atMs: number }[]> {
    const distinct = [...new Map(words.map((word) => [[...word].sort().join(','), word])).values()];
    if (distinct.length === 0) return [];
    // Which word of the query each row answers; a message is found when it answers all of them.
    const wordOf = sql.join(
      distinct.map((word, index) => sql`when hash in (${sql.join([...word])}) then ${sql.lit(index)}`),
      sql` `,
    );
    const rows = await this.db
      .selectFrom('business_keys')
      .select(({ fn }) => ['message_id', fn.max('at_ms').as('at_ms')])
      .where('hash', 'in', distinct.flat())
      .groupBy('message_id')
      .having(sql`count(distinct case ${wordOf} end)`, '=', distinct.length)
      .orderBy('at_ms', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ messageId: row.message_id, atMs: Number(row.at_ms) }));
  }

  private async byReference(
    hashes: readonly string[],
    limit: number,
  ): Promise<{ messageId: string; atMs: number }[]> {
    if (hashes.length === 0) return [];
    const rows = await this.db
      .selectFrom('business_keys')
      .select(({ fn }) => ['message_id', fn.max('at_ms').as('at_ms')])
      .where('hash', 'in', [...hashes])
      .groupBy('message_id')
      .orderBy('at_ms', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ messageId: row.message_id, atMs: Number(row.at_ms) }));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

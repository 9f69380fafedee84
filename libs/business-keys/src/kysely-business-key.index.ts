// The index on the journal's database (SQLite or PostgreSQL): rows of keyed hashes, written by the
// journal writer, read by the console and `pcms search --key`.
import { Migrator, type Kysely } from 'kysely';
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

/** How a name search reads the index; the defaults were measured by `npm run bench -- --search`. */
export interface NameSearchPlan {
  /** Words are counted up to this many rows: past it, which of two words leads matters little. */
  wordCountBound: number;
  /** An other word with fewer rows is read whole once; a commoner one is probed row by row. */
  readWholeBound: number;
}

export const DEFAULT_NAME_SEARCH_PLAN: NameSearchPlan = { wordCountBound: 100_000, readWholeBound: 20_000 };

export class KyselyBusinessKeyIndex {
  constructor(
    private readonly db: Kysely<BusinessKeysDatabase>,
    private readonly driver: JournalDriver,
    private readonly plan: NameSearchPlan = DEFAULT_NAME_SEARCH_PLAN,
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

  /**
   * Read newest first from the rarest word of the name, one of its hashes at a time (the index on
   * hash and time stops at `limit`), each row kept when its message also has every other word. An
   * other word under the count bound is matched against its messages read once (a few thousand
   * rows); a commoner one by a probe of the primary key per row, which stops early because most rows
   * pass. The earlier shape, every row of every hash grouped by message, read a quarter of a million
   * rows for "Mohamed" alone on a journal of a million messages (2 s at p95, `npm run bench --
   * --search`); probing every row made "Zeinab Kaboré", two words of ten thousand rows that rarely
   * meet, cost 20,000 probes.
   */
  private async byName(
    words: readonly (readonly string[])[],
    limit: number,
  ): Promise<{ messageId: string; atMs: number }[]> {
    const distinct = [...new Map(words.map((word) => [[...word].sort().join(','), word])).values()];
    if (distinct.length === 0) return [];
    const [driving, ...others] = await this.rarestFirst(distinct);
    const perHash = await Promise.all(
      [...new Set(driving.hashes)].map((hash) =>
        this.db
          .selectFrom('business_keys as k')
          .select(['k.message_id', 'k.at_ms'])
          .where('k.hash', '=', hash)
          .$if(others.length > 0, (query) =>
            query.where((eb) =>
              eb.and(
                others.map(({ hashes, rows }) => {
                  const messagesOfWord = eb
                    .selectFrom('business_keys as o')
                    .select('o.message_id')
                    .where('o.hash', 'in', [...hashes]);
                  return rows < this.plan.readWholeBound
                    ? eb('k.message_id', 'in', messagesOfWord)
                    : eb.exists(messagesOfWord.whereRef('o.message_id', '=', 'k.message_id'));
                }),
              ),
            ),
          )
          .orderBy('k.at_ms', 'desc')
          .limit(limit)
          .execute(),
      ),
    );
    return perHash.flat().map((row) => ({ messageId: row.message_id, atMs: Number(row.at_ms) }));
  }

  /** The words by their rows, counted up to a bound: enough to tell a surname from "Mohamed". */
  private async rarestFirst(
    words: readonly (readonly string[])[],
  ): Promise<{ hashes: readonly string[]; rows: number }[]> {
    if (words.length === 1) return [{ hashes: words[0], rows: 0 }];
    const counted = await Promise.all(
      words.map(async (hashes) => {
        const { n } = await this.db
          .selectFrom((db) =>
            db
              .selectFrom('business_keys')
              .select('hash')
              .where('hash', 'in', [...hashes])
              .limit(this.plan.wordCountBound)
              .as('capped'),
          )
          .select(({ fn }) => fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow();
        return { hashes, rows: Number(n) };
      }),
    );
    return counted.sort((a, b) => a.rows - b.rows);
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

// The journal on any SQL database Kysely speaks to; the only dialect-specific step is how the
// chain is locked before its head is read (see ChainLock).
import { Migrator, sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { JournalError, JournalErrorCode } from './journal.error';
import { journalEntryHash, payloadDigest } from './journal-hash';
import {
  chainEntry,
  ENTRY_COLUMNS,
  fromRow,
  prepareEvent,
  toRow,
  type EntryRow,
  type PreparedEvent,
} from './journal-entry.mapper';
import type { JournalDatabase, JournalEntriesTable } from './journal.schema';
import { searchJournal } from './journal.search';
import type {
  AppendResult,
  ChainVerdict,
  JournalDriver,
  JournalEntry,
  JournalEvent,
  JournalSearch,
  JournalSearchHit,
  JournalStage,
  JournalStore,
  JournalTailEntry,
  JournalTraceEntry,
} from './journal.types';
import { journalMigrations } from './migrations/journal.migrations';
import type { PayloadCipher } from './payload.cipher';

/** Serialises appenders: taken inside the append transaction, before the head is read. */
export type ChainLock = (trx: Transaction<JournalDatabase>) => Promise<void>;

const INSERT_CHUNK = 100;
const LOOKUP_CHUNK = 500;
const VERIFY_PAGE = 1000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

export class KyselyJournalStore implements JournalStore {
  constructor(
    private readonly db: Kysely<JournalDatabase>,
    private readonly driver: JournalDriver,
    private readonly lockChain: ChainLock,
    private readonly cipher: PayloadCipher | undefined,
  ) {}

  async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: journalMigrations(this.driver) });
    const { error } = await migrator.migrateToLatest();
    if (error !== undefined) {
      throw new JournalError(JournalErrorCode.MigrationFailed, 'the journal schema could not be migrated', {
        cause: error,
      });
    }
  }

  async append(events: readonly JournalEvent[]): Promise<AppendResult> {
    const seal = this.cipher ? this.cipher.seal.bind(this.cipher) : undefined;
    const prepared = events.map((event) => prepareEvent(event, seal));
    if (prepared.length === 0) return { appended: 0, duplicates: 0 };
    try {
      return await this.db.transaction().execute((trx) => this.appendLocked(trx, prepared));
    } catch (error: unknown) {
      if (error instanceof JournalError) throw error;
      throw new JournalError(
        JournalErrorCode.WriteFailed,
        `the journal could not append ${events.length} events`,
        {
          cause: error,
        },
      );
    }
  }

  private async appendLocked(
    trx: Transaction<JournalDatabase>,
    events: PreparedEvent[],
  ): Promise<AppendResult> {
    await this.lockChain(trx);
    const head = await trx
      .selectFrom('journal_entries')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const seen = await this.knownEventIds(
      trx,
      events.map((event) => event.eventId),
    );
    let seq = head ? Number(head.seq) : 0;
    let prevHash = head?.hash ?? '';
    const rows: Insertable<JournalEntriesTable>[] = [];
    for (const event of events) {
      if (seen.has(event.eventId)) continue;
      seen.add(event.eventId);
      seq += 1;
      const entry = chainEntry(event, seq, prevHash);
      rows.push(toRow(entry, event));
      prevHash = entry.hash;
    }
    for (const chunk of chunks(rows, INSERT_CHUNK)) {
      await trx.insertInto('journal_entries').values(chunk).execute();
    }
    return { appended: rows.length, duplicates: events.length - rows.length };
  }

  private async knownEventIds(trx: Transaction<JournalDatabase>, ids: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (const chunk of chunks([...new Set(ids)], LOOKUP_CHUNK)) {
      const rows = await trx
        .selectFrom('journal_entries')
        .select('event_id')
        .where('event_id', 'in', chunk)
        .execute();
      for (const row of rows) known.add(row.event_id);
    }
    return known;
  }

  async trace(messageId: string): Promise<JournalTraceEntry[]> {
    const rows = await this.db
      .selectFrom('journal_entries')
      .select(ENTRY_COLUMNS)
      .select([
        'payload_purged_at',
        // Whether the sealed bytes are there, without reading (or decrypting) them.
        sql<number | boolean>`case when payload_sealed is null then 0 else 1 end`.as('payload_kept'),
      ])
      .where('message_id', '=', messageId)
      .orderBy('seq', 'asc')
      .execute();
    return rows.map((row) =>
      withPayloadStatus(fromRow(row), Number(row.payload_kept) === 1, row.payload_purged_at),
    );
  }

  search(filter: JournalSearch): Promise<JournalSearchHit[]> {
    return searchJournal(this.db, filter);
  }

  async tail(afterSeq: number, limit: number): Promise<JournalTailEntry[]> {
    const rows = await this.db
      .selectFrom('journal_entries')
      .select(['seq', 'message_id', 'stage', 'at_ms', 'sender', 'type'])
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      seq: Number(row.seq),
      messageId: row.message_id,
      stage: row.stage as JournalStage,
      atMs: Number(row.at_ms),
      ...(row.sender === null ? {} : { sender: row.sender }),
      ...(row.type === null ? {} : { type: row.type }),
    }));
  }

  async seqBefore(since: Date): Promise<number> {
    const first = await this.db
      .selectFrom('journal_entries')
      .select(({ fn }) => fn.min('seq').as('seq'))
      .where('at_ms', '>=', since.getTime())
      .executeTakeFirst();
    if (first?.seq != null) return Number(first.seq) - 1;
    const head = await this.db
      .selectFrom('journal_entries')
      .select(({ fn }) => fn.max('seq').as('seq'))
      .executeTakeFirst();
    return head?.seq == null ? 0 : Number(head.seq);
  }

  async verifyChain(): Promise<ChainVerdict> {
    let entries = 0;
    let prevSeq = 0;
    let prevHash = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('journal_entries')
        .select(ENTRY_COLUMNS)
        .where('seq', '>', prevSeq)
        .orderBy('seq', 'asc')
        .limit(VERIFY_PAGE)
        .execute();
      for (const row of rows) {
        const seq = Number(row.seq);
        const fault = this.faultOf(row, prevSeq, prevHash);
        if (fault !== undefined) return { ok: false, entries, firstBadSeq: seq, reason: fault };
        entries += 1;
        prevSeq = seq;
        prevHash = row.hash;
      }
      if (rows.length < VERIFY_PAGE) {
        return entries === 0 ? { ok: true, entries } : { ok: true, entries, headHash: prevHash };
      }
    }
  }

  private faultOf(row: EntryRow, prevSeq: number, prevHash: string): string | undefined {
    const seq = Number(row.seq);
    if (seq !== prevSeq + 1) {
      return `entries ${prevSeq + 1}..${seq - 1} are missing before entry ${seq}`;
    }
    if (row.prev_hash !== prevHash) return `entry ${seq} does not link to the entry before it`;
    let entry: JournalEntry;
    try {
      entry = fromRow(row);
    } catch {
      return `entry ${seq} holds details that are not JSON`;
    }
    const { hash, ...hashed } = entry;
    if (journalEntryHash(hashed) !== hash) return `entry ${seq} does not match its hash`;
    return undefined;
  }

  async payloadOf(eventId: string): Promise<Buffer | undefined> {
    const row = await this.db
      .selectFrom('journal_entries')
      .select(['payload_sealed', 'payload_digest'])
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    if (!row?.payload_sealed) return undefined;
    if (!this.cipher) {
      throw new JournalError(
        JournalErrorCode.PayloadUnreadable,
        `the payload of event ${eventId} is kept but no key is configured`,
      );
    }
    const bytes = this.cipher.open(Buffer.from(row.payload_sealed), eventId);
    if (payloadDigest(bytes) !== row.payload_digest) {
      throw new JournalError(
        JournalErrorCode.PayloadUnreadable,
        `the payload of event ${eventId} does not match its digest`,
      );
    }
    return bytes;
  }

  async purgePayloads(olderThan: Date, now = new Date()): Promise<number> {
    const result = await this.db
      .updateTable('journal_entries')
      .set({ payload_sealed: null, payload_purged_at: now.toISOString() })
      .where('at_ms', '<', olderThan.getTime())
      .where('payload_sealed', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

function withPayloadStatus(entry: JournalEntry, kept: boolean, purgedAt: string | null): JournalTraceEntry {
  if (entry.payloadDigest === undefined) return entry;
  if (kept) return { ...entry, payloadStatus: 'kept' };
  if (purgedAt !== null) return { ...entry, payloadStatus: 'purged', payloadPurgedAt: purgedAt };
  return { ...entry, payloadStatus: 'not-kept' };
}

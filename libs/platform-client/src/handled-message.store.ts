import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A copy the platform refused before its handler saw it, kept for the platform's operators. */
export interface Refusal {
  readonly messageId: string | undefined;
  readonly code: string;
  readonly reason: string;
  readonly refusedAt: string;
}

/**
 * The platform's own memory of the messages it has handled: one SQLite file that outlives the
 * process, so a copy the broker redelivers after a restart (or a raw duplicate the gateway
 * published twice) is recognised and dropped. The platform owns it; the gateway never reads it.
 */
export class HandledMessageStore {
  private readonly hasStatement: Database.Statement<[string], { one: number }>;
  private readonly markStatement: Database.Statement<[string, string]>;
  private readonly refuseStatement: Database.Statement<[string | null, string, string, string]>;

  private constructor(private readonly database: Database.Database) {
    this.hasStatement = database.prepare('select 1 as one from handled where message_id = ?');
    this.markStatement = database.prepare(
      'insert or ignore into handled (message_id, handled_at) values (?, ?)',
    );
    this.refuseStatement = database.prepare(
      'insert into refused (message_id, code, reason, refused_at) values (?, ?, ?, ?)',
    );
  }

  /** Opens (or creates) the store at `file`. */
  static open(file: string): HandledMessageStore {
    mkdirSync(dirname(file), { recursive: true });
    const database = new Database(file);
    database.pragma('journal_mode = WAL');
    // FULL: an id recorded as handled survives a power cut, not only a killed process; otherwise
    // the copy redelivered after the cut would reach the handler a second time.
    database.pragma('synchronous = FULL');
    database.pragma('busy_timeout = 5000');
    database.exec(`
      create table if not exists handled (
        message_id text primary key,
        handled_at text not null
      ) without rowid;
      create table if not exists refused (
        message_id text,
        code text not null,
        reason text not null,
        refused_at text not null
      );
    `);
    return new HandledMessageStore(database);
  }

  hasHandled(messageId: string): boolean {
    return this.hasStatement.get(messageId) !== undefined;
  }

  /**
   * Marks `messageId` handled: one committed insert is the whole step, so the id is either
   * recorded (and every later copy dropped) or not at all. False when it was already there.
   */
  markHandled(messageId: string, handledAt = new Date()): boolean {
    return this.markStatement.run(messageId, handledAt.toISOString()).changes === 1;
  }

  /**
   * Applies the platform's own effect and marks `messageId` handled in one SQLite transaction,
   * for a platform that keeps its state in this file: either both are committed or neither, so no
   * crash can separate the effect from the record (the window `markHandled` alone leaves open).
   * `apply` must be synchronous (better-sqlite3 transactions are); a throw rolls both back.
   */
  applyOnce<T>(messageId: string, apply: (database: Database.Database) => T, handledAt = new Date()): T {
    return this.database.transaction(() => {
      const result = apply(this.database);
      this.markStatement.run(messageId, handledAt.toISOString());
      return result;
    })();
  }

  recordRefusal(refusal: Refusal): void {
    this.refuseStatement.run(refusal.messageId ?? null, refusal.code, refusal.reason, refusal.refusedAt);
  }

  /** The refusals recorded so far, oldest first. */
  refusals(): Refusal[] {
    return this.database
      .prepare<[], { message_id: string | null; code: string; reason: string; refused_at: string }>(
        'select message_id, code, reason, refused_at from refused order by rowid',
      )
      .all()
      .map((row) => ({
        messageId: row.message_id ?? undefined,
        code: row.code,
        reason: row.reason,
        refusedAt: row.refused_at,
      }));
  }

  get handledCount(): number {
    return this.database.prepare<[], { n: number }>('select count(*) as n from handled').get()?.n ?? 0;
  }

  /**
   * Forgets ids handled before `cutoff`. Only safe once no copy older than that can still be
   * waiting in the queue (the gateway's queues have no TTL: choose a cutoff well past the
   * longest outage the platform may have). Returns how many were forgotten.
   */
  forgetHandledBefore(cutoff: Date): number {
    return this.database.prepare('delete from handled where handled_at < ?').run(cutoff.toISOString())
      .changes;
  }

  close(): void {
    this.database.close();
  }
}

// Holds on any SQL database Kysely speaks to (SQLite by default, PostgreSQL by configuration), in
// the journal's database. Every state change is a conditional update: whoever changes the row owns
// what follows (journaling it, forwarding it), so several routers and CLIs may run at once.
import { randomUUID } from 'node:crypto';
import { Migrator, type Kysely, type Transaction } from 'kysely';
import { HOLD_COLUMNS, decisionFromRow, holdFromRow, type HoldRow } from './hold-row.mapper';
import {
  HOLD_STATUSES,
  type DecideResult,
  type Hold,
  type HoldDecision,
  type HoldList,
  type HoldStatus,
  type HoldStore,
  type HoldToForward,
  type NewHold,
} from './hold.types';
import { HoldsError, HoldsErrorCode } from './holds.error';
import type { HoldsDatabase } from './holds.schema';
import type { HoldsDriver } from './holds-store.factory';
import {
  HOLDS_MIGRATION_LOCK_TABLE,
  HOLDS_MIGRATION_TABLE,
  holdsMigrations,
} from './migrations/holds.migrations';

const DEFAULT_LEASE_MS = 60_000;

export class KyselyHoldStore implements HoldStore {
  constructor(
    private readonly db: Kysely<HoldsDatabase>,
    private readonly driver: HoldsDriver,
  ) {}

  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: holdsMigrations(this.driver),
      migrationTableName: HOLDS_MIGRATION_TABLE,
      migrationLockTableName: HOLDS_MIGRATION_LOCK_TABLE,
    });
    const { error } = await migrator.migrateToLatest();
    if (error !== undefined) {
      throw new HoldsError(
        HoldsErrorCode.MigrationFailed,
        'the holds schema could not be migrated',
        {},
        {
          cause: error,
        },
      );
    }
  }

  async create(hold: NewHold, now = new Date()): Promise<{ hold: Hold; created: boolean }> {
    const at = now.toISOString();
    const result = await this.db
      .insertInto('holds')
      .values({
        id: randomUUID(),
        message_id: hold.messageId,
        correlation_id: hold.correlationId ?? null,
        sender: hold.sender,
        type: hold.type,
        classification: hold.classification,
        destination: hold.destination,
        rule: hold.rule,
        reason: hold.reason,
        approvals_required: hold.approvalsRequired,
        status: 'waiting',
        created_at: at,
        expires_at: hold.expiresAt.toISOString(),
        expires_at_ms: hold.expiresAt.getTime(),
        decided_at: null,
        forwarded_at: null,
        forward_claimed_until_ms: null,
        body: hold.body,
        signature: hold.signature,
        updated_at: at,
      })
      .onConflict((conflict) => conflict.column('message_id').doNothing())
      .executeTakeFirst();
    const stored = await this.find(hold.messageId);
    if (!stored) throw new HoldsError(HoldsErrorCode.NotFound, `the hold of ${hold.messageId} vanished`);
    return { hold: stored, created: Number(result.numInsertedOrUpdatedRows ?? 0) === 1 };
  }

  async find(idOrMessageId: string): Promise<Hold | undefined> {
    const row = await this.db
      .selectFrom('holds')
      .select(HOLD_COLUMNS)
      .where((where) => where.or([where('id', '=', idOrMessageId), where('message_id', '=', idOrMessageId)]))
      .executeTakeFirst();
    return row ? (await this.withDecisions([row]))[0] : undefined;
  }

  async list(filter: HoldList = {}): Promise<Hold[]> {
    let query = this.db.selectFrom('holds').select(HOLD_COLUMNS);
    if (filter.status) query = query.where('status', '=', filter.status);
    const rows = await query
      .orderBy('created_at', 'desc')
      .limit(filter.limit ?? 100)
      .execute();
    return this.withDecisions(rows);
  }

  async decide(holdId: string, decision: HoldDecision, now = new Date()): Promise<DecideResult> {
    return this.db.transaction().execute(async (trx) => {
      // First statement a write on the hold's row: PostgreSQL locks the row, SQLite takes its write
      // lock; a concurrent decision on the same hold waits here until this one commits.
      const locked = await trx
        .updateTable('holds')
        .set({ updated_at: now.toISOString() })
        .where('id', '=', holdId)
        .executeTakeFirst();
      if (Number(locked.numUpdatedRows) === 0) {
        throw new HoldsError(HoldsErrorCode.NotFound, `no hold ${holdId}`, { holdId });
      }
      const hold = await this.holdIn(trx, holdId);
      this.assertOpen(hold, decision, now);
      await trx
        .insertInto('hold_decisions')
        .values({
          hold_id: holdId,
          operator_id: decision.operatorId,
          decision: decision.decision,
          certificate_fingerprint: decision.certificateFingerprint,
          at: decision.at,
          reason: decision.reason ?? null,
          statement: decision.statement,
          signature: decision.signature,
          recorded_at: now.toISOString(),
        })
        .execute();
      const approvals = hold.decisions.filter((d) => d.decision === 'approve').length + 1;
      const ends: HoldStatus | undefined =
        decision.decision === 'reject'
          ? 'rejected'
          : approvals >= hold.approvalsRequired
            ? 'released'
            : undefined;
      if (ends) {
        await trx
          .updateTable('holds')
          .set({
            status: ends,
            decided_at: now.toISOString(),
            // A refused message never leaves: its bytes go now.
            ...(ends === 'rejected' ? { body: null, signature: null } : {}),
          })
          .where('id', '=', holdId)
          .where('status', '=', 'waiting')
          .execute();
      }
      const outcome = ends === 'released' ? 'released' : ends === 'rejected' ? 'rejected' : 'recorded';
      return { hold: await this.holdIn(trx, holdId), outcome };
    });
  }

  async expireDue(now = new Date()): Promise<Hold[]> {
    const due = await this.db
      .selectFrom('holds')
      .select('id')
      .where('status', '=', 'waiting')
      .where('expires_at_ms', '<=', now.getTime())
      .limit(100)
      .execute();
    const expired: Hold[] = [];
    for (const { id } of due) {
      const result = await this.db
        .updateTable('holds')
        .set({
          status: 'expired',
          decided_at: now.toISOString(),
          updated_at: now.toISOString(),
          body: null,
          signature: null,
        })
        .where('id', '=', id)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      // Another router (or a last-second decision) got there first: not ours to report.
      if (Number(result.numUpdatedRows) !== 1) continue;
      const hold = await this.find(id);
      if (hold) expired.push(hold);
    }
    return expired;
  }

  async claimReleased(now = new Date(), leaseMs = DEFAULT_LEASE_MS, limit = 50): Promise<HoldToForward[]> {
    const nowMs = now.getTime();
    const candidates = await this.db
      .selectFrom('holds')
      .select('id')
      .where('status', '=', 'released')
      .where('forwarded_at', 'is', null)
      .where((where) =>
        where.or([
          where('forward_claimed_until_ms', 'is', null),
          where('forward_claimed_until_ms', '<', nowMs),
        ]),
      )
      .limit(limit)
      .execute();
    const claimed: HoldToForward[] = [];
    for (const { id } of candidates) {
      const result = await this.db
        .updateTable('holds')
        .set({ forward_claimed_until_ms: nowMs + leaseMs, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('forwarded_at', 'is', null)
        .where((where) =>
          where.or([
            where('forward_claimed_until_ms', 'is', null),
            where('forward_claimed_until_ms', '<', nowMs),
          ]),
        )
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) continue;
      const row = await this.db
        .selectFrom('holds')
        .select(['body', 'signature'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const hold = await this.find(id);
      if (hold && row.body && row.signature) {
        claimed.push({ hold, body: Buffer.from(row.body), signature: row.signature });
      }
    }
    return claimed;
  }

  async markForwarded(holdId: string, now = new Date()): Promise<void> {
    await this.db
      .updateTable('holds')
      .set({ forwarded_at: now.toISOString(), updated_at: now.toISOString(), body: null, signature: null })
      .where('id', '=', holdId)
      .execute();
  }

  async counts(): Promise<Record<HoldStatus, number>> {
    const rows = await this.db
      .selectFrom('holds')
      .select((select) => ['status', select.fn.countAll().as('count')])
      .groupBy('status')
      .execute();
    const counts = Object.fromEntries(HOLD_STATUSES.map((status) => [status, 0])) as Record<
      HoldStatus,
      number
    >;
    for (const row of rows) counts[row.status as HoldStatus] = Number(row.count);
    return counts;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  private assertOpen(hold: Hold, decision: HoldDecision, now: Date): void {
    const ids = { holdId: hold.id, messageId: hold.messageId, status: hold.status };
    if (hold.status !== 'waiting') {
      throw new HoldsError(
        HoldsErrorCode.NotWaiting,
        `hold ${hold.id} is ${hold.status}, no longer waiting`,
        ids,
      );
    }
    if (Date.parse(hold.expiresAt) <= now.getTime()) {
      throw new HoldsError(HoldsErrorCode.Expired, `hold ${hold.id} expired at ${hold.expiresAt}`, ids);
    }
    const earlier = hold.decisions.find((d) => d.operatorId === decision.operatorId);
    if (earlier) {
      throw new HoldsError(
        HoldsErrorCode.OperatorAlreadyDecided,
        `${decision.operatorId} already decided hold ${hold.id} (${earlier.decision} at ${earlier.at}); another operator must`,
        { ...ids, operatorId: decision.operatorId },
      );
    }
  }

  private async holdIn(trx: Transaction<HoldsDatabase>, holdId: string): Promise<Hold> {
    const row = await trx
      .selectFrom('holds')
      .select(HOLD_COLUMNS)
      .where('id', '=', holdId)
      .executeTakeFirstOrThrow();
    const decisions = await trx
      .selectFrom('hold_decisions')
      .selectAll()
      .where('hold_id', '=', holdId)
      .orderBy('recorded_at')
      .execute();
    return holdFromRow(row, decisions.map(decisionFromRow));
  }

  private async withDecisions(rows: HoldRow[]): Promise<Hold[]> {
    if (rows.length === 0) return [];
    const decisions = await this.db
      .selectFrom('hold_decisions')
      .selectAll()
      .where(
        'hold_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('recorded_at')
      .execute();
    return rows.map((row) =>
      holdFromRow(row, decisions.filter((d) => d.hold_id === row.id).map(decisionFromRow)),
    );
  }
}

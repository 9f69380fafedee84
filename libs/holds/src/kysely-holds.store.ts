// Holds on any SQL database Kysely speaks to (SQLite by default, PostgreSQL by configuration), in
// the journal's database. Every state change is a conditional update: whoever changes the row owns
// what follows (journaling it, forwarding it), so several routers and CLIs may run at once.
// Reads live in hold.queries.ts, the decision transaction in hold-decision.recorder.ts.
import { randomUUID } from 'node:crypto';
import type { PayloadCipher } from '@pcms/journal';
import { Migrator, type Kysely } from 'kysely';
import { HOLD_COLUMNS } from './hold-row.mapper';
import { recordDecision } from './hold-decision.recorder';
import { readHold, withDecisions } from './hold.queries';
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
import { HeldMessageSealer } from './held-message.sealer';
import { heldMessageSha256 } from './hold-statement';
import { HoldsError, HoldsErrorCode } from './holds.error';
import type { HoldsDatabase } from './holds.schema';
import type { HoldsDriver } from './holds-store.factory';
import {
  HOLDS_MIGRATION_LOCK_TABLE,
  HOLDS_MIGRATION_TABLE,
  holdsMigrations,
} from './migrations/holds.migrations';

const DEFAULT_LEASE_MS = 60_000;

/** What goes when a hold ends without its message leaving, or once it left. */
const DROP_MESSAGE = { sealed_body: null, signature: null } as const;

export class KyselyHoldStore implements HoldStore {
  private readonly sealer: HeldMessageSealer;

  constructor(
    private readonly db: Kysely<HoldsDatabase>,
    private readonly driver: HoldsDriver,
    private readonly cipher: PayloadCipher,
  ) {
    this.sealer = new HeldMessageSealer(cipher);
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: holdsMigrations(this.driver, this.cipher),
      migrationTableName: HOLDS_MIGRATION_TABLE,
      migrationLockTableName: HOLDS_MIGRATION_LOCK_TABLE,
    });
    const { error } = await migrator.migrateToLatest();
    if (error !== undefined) {
      throw new HoldsError(
        HoldsErrorCode.MigrationFailed,
        'the holds schema could not be migrated',
        {},
        { cause: error },
      );
    }
  }

  async create(hold: NewHold, now = new Date()): Promise<{ hold: Hold; created: boolean }> {
    const at = now.toISOString();
    const id = randomUUID();
    const result = await this.db
      .insertInto('holds')
      .values({
        id,
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
        sealed_body: this.sealer.seal(id, hold.body),
        signature: hold.signature,
        message_sha256: heldMessageSha256(hold.body),
        updated_at: at,
      })
      .onConflict((conflict) => conflict.column('message_id').doNothing())
      .executeTakeFirst();
    const stored = await this.find(hold.messageId);
    if (!stored) throw new HoldsError(HoldsErrorCode.NotFound, `the hold of ${hold.messageId} vanished`);
    return { hold: stored, created: Number(result.numInsertedOrUpdatedRows ?? 0) === 1 };
  }

  find(idOrMessageId: string): Promise<Hold | undefined> {
    return readHold(this.db, idOrMessageId);
  }

  async list(filter: HoldList = {}): Promise<Hold[]> {
    let query = this.db.selectFrom('holds').select(HOLD_COLUMNS);
    if (filter.status) query = query.where('status', '=', filter.status);
    const rows = await query
      .orderBy('created_at', 'desc')
      .limit(filter.limit ?? 100)
      .execute();
    return withDecisions(this.db, rows);
  }

  decide(holdId: string, decision: HoldDecision, now = new Date()): Promise<DecideResult> {
    return recordDecision(this.db, holdId, decision, now);
  }

  async expireDue(now = new Date()): Promise<Hold[]> {
    const due = await this.db
      .selectFrom('holds')
      .select('id')
      .where('status', '=', 'waiting')
      .where('expires_at_ms', '<=', now.getTime())
      // Oldest first: a backlog beyond the limit is worked off in order, none left behind.
      .orderBy('expires_at_ms')
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
          ...DROP_MESSAGE,
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
      // Released first, forwarded first: a backlog beyond the limit leaves in the order of release.
      .orderBy('decided_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    const claimed: HoldToForward[] = [];
    for (const { id } of candidates) {
      const result = await this.db
        .updateTable('holds')
        .set({ forward_claimed_until_ms: nowMs + leaseMs, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'released')
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
        .select(['sealed_body', 'signature'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const hold = await this.find(id);
      if (hold && row.sealed_body && row.signature)
        claimed.push(this.opened(hold, row.sealed_body, row.signature));
    }
    return claimed;
  }

  async markForwarded(holdId: string, now = new Date()): Promise<void> {
    await this.db
      .updateTable('holds')
      .set({ forwarded_at: now.toISOString(), updated_at: now.toISOString(), ...DROP_MESSAGE })
      .where('id', '=', holdId)
      .execute();
  }

  async markUnverified(holdId: string, now = new Date()): Promise<Hold | undefined> {
    const result = await this.db
      .updateTable('holds')
      .set({ status: 'unverified', updated_at: now.toISOString(), ...DROP_MESSAGE })
      .where('id', '=', holdId)
      .where('status', '=', 'released')
      .where('forwarded_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? this.find(holdId) : undefined;
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

  private opened(hold: Hold, sealed: Buffer, signature: string): HoldToForward {
    try {
      return { hold, readable: true, body: this.sealer.open(hold.id, Buffer.from(sealed)), signature };
    } catch (error: unknown) {
      if (!(error instanceof HoldsError)) throw error;
      return { hold, readable: false, failure: error };
    }
  }
}

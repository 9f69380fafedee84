// Judicial requests on any SQL database Kysely speaks to (SQLite by default, PostgreSQL by
// configuration), in the journal's database. A move is a conditional update on the count of moves:
// of two statuses applied at once, one wins and the other is re-applied to the new state, so the
// history never forks. Reminders and receipts are keyed so that saying them twice records them once.
import { createHash } from 'node:crypto';
import { JournalError, type JournalDriver, type PayloadCipher } from '@pcms/journal';
import { Migrator, type Kysely } from 'kysely';
import type { JudicialDirectory } from '../directory/judicial-directory';
import type { FollowUpPolicy } from '../follow-up/follow-up.policy';
import { overdueOf } from '../follow-up/overdue';
import { JudicialError, JudicialErrorCode } from '../judicial.error';
import type { RequestKind, RequestUrgency } from '../judicial.constants';
import type { JudicialState } from '../lifecycle/judicial-states';
import type { JudicialStatus } from '../lifecycle/judicial-status';
import { applyStatus, type StateOfAuthority, type StatusRefusal } from '../lifecycle/status.applier';
import { noticeLinksOf } from '../links/notice-link';
import { recordReceipt, type TransportReceipt } from '../receipts/transport-receipt';
import { loadRequests, requestRow } from './judicial-store.queries';
import { insertNoticeLinks, requestIdsLinkedTo } from './notice-links.queries';
import { moveRow, REQUEST_COLUMNS } from './judicial-row.mapper';
import type { JudicialDatabase } from './judicial-store.schema';
import type {
  FiredReminder,
  JudicialRequestList,
  JudicialStore,
  MoveOutcome,
  ReceiptStoreOutcome,
  StoredJudicialRequest,
  SubmitOutcome,
} from './judicial-store.types';
import { checkSubmission } from './submission.check';
import {
  JUDICIAL_MIGRATION_LOCK_TABLE,
  JUDICIAL_MIGRATION_TABLE,
  judicialMigrations,
} from './migrations/judicial.migrations';

/** Additional authenticated data: sealed bytes copied onto another request's row do not open. */
const payloadContext = (requestId: string): string => `judicial-request:${requestId}`;

/** A status applied again and again by racing writers gives up after this many tries. */
const MOVE_ATTEMPTS = 5;

/** States from which no request of any kind moves, nor is reminded: not worth reading. */
const NEVER_REMINDED = ['DRAFT', 'CLOSED', 'REFUSED', 'DENIED', 'WITHDRAWN'] as const;

const unknownRequest = (requestId: string): StatusRefusal => ({
  code: JudicialErrorCode.RequestUnknown,
  reason: `no judicial request ${requestId} is stored`,
  raison: `aucune demande d’entraide ${requestId} n’est enregistrée`,
});

export class KyselyJudicialStore implements JudicialStore {
  constructor(
    private readonly db: Kysely<JudicialDatabase>,
    private readonly driver: JournalDriver,
    private readonly cipher: PayloadCipher,
  ) {}

  async migrate(): Promise<void> {
    const { error } = await new Migrator({
      db: this.db,
      provider: judicialMigrations(this.driver),
      migrationTableName: JUDICIAL_MIGRATION_TABLE,
      migrationLockTableName: JUDICIAL_MIGRATION_LOCK_TABLE,
    }).migrateToLatest();
    if (error !== undefined) {
      throw new JudicialError(
        JudicialErrorCode.StoreMigrationFailed,
        'the judicial schema could not be migrated',
        [],
        { cause: error },
      );
    }
  }

  async submit(bytes: Buffer, directory: JudicialDirectory, now = new Date()): Promise<SubmitOutcome> {
    const checked = checkSubmission(bytes, directory);
    if (!checked.ok) return { outcome: 'refused', code: checked.code, issues: checked.issues };
    const { request } = checked;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const at = now.toISOString();
    const result = await this.db
      .insertInto('judicial_requests')
      .values({
        request_id: request.requestId,
        kind: request.kind,
        urgency: request.urgency.level,
        requesting_authority: request.requesting.authority,
        requested_authority: request.requested.authority,
        // checkSubmission found both authorities in the directory.
        requesting_state: directory.stateOf(request.requesting.authority) ?? '',
        requested_state: directory.stateOf(request.requested.authority) ?? '',
        requesting_reference: request.requesting.reference,
        state: 'DRAFT',
        moves: 0,
        payload_sha256: sha256,
        sealed_payload: this.cipher.seal(bytes, payloadContext(request.requestId)),
        stored_at: at,
        last_move_at: at,
        last_move_at_ms: now.getTime(),
      })
      .onConflict((conflict) => conflict.column('request_id').doNothing())
      .executeTakeFirst();
    const stored = await this.find(request.requestId);
    if (stored === undefined) {
      throw new JudicialError(JudicialErrorCode.RequestUnknown, `request ${request.requestId} vanished`);
    }
    if (stored.payloadSha256 !== sha256) {
      return {
        outcome: 'refused',
        code: JudicialErrorCode.RequestConflict,
        issues: [
          {
            code: JudicialErrorCode.RequestConflict,
            path: 'requestId',
            reason: `request ${request.requestId} is already stored with other content (sha256 ${stored.payloadSha256}); a change is a supplementary request`,
            raison: `la demande ${request.requestId} est déjà enregistrée avec un autre contenu (sha256 ${stored.payloadSha256}) ; un changement est une demande complémentaire`,
          },
        ],
      };
    }
    const created = Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    // After the conflict check: other bytes under the same id link nothing. Said again, nothing new.
    const links = noticeLinksOf(request, at);
    if (links.length === 0) return { outcome: created ? 'stored' : 'duplicate', request: stored };
    await insertNoticeLinks(this.db, links);
    return { outcome: created ? 'stored' : 'duplicate', request: (await this.find(request.requestId)) ?? stored };
  }

  async move(status: JudicialStatus, stateOf: StateOfAuthority, now = new Date()): Promise<MoveOutcome> {
    for (let attempt = 0; attempt < MOVE_ATTEMPTS; attempt++) {
      const current = await this.find(status.requestId);
      if (current === undefined) return { outcome: 'refused', refusal: unknownRequest(status.requestId) };
      // Statuses arrive at least once: one already in the history, delivered again, changes nothing.
      const known = current.history.some(
        (change) =>
          change.to === status.status && change.authority === status.authority && change.at === status.at,
      );
      if (known) return { outcome: 'duplicate', request: current };
      const applied = applyStatus(current, status, stateOf);
      if (!applied.ok) return { outcome: 'refused', refusal: applied.refusal };
      const seq = current.history.length + 1;
      const won = await this.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('judicial_requests')
          .set({
            state: applied.change.to,
            moves: seq,
            last_move_at: applied.change.at,
            last_move_at_ms: Date.parse(applied.change.at),
          })
          .where('request_id', '=', status.requestId)
          .where('moves', '=', seq - 1)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return false;
        await trx
          .insertInto('judicial_moves')
          .values(moveRow(status.requestId, seq, applied.change, now))
          .execute();
        return true;
      });
      if (!won) continue;
      const request = await this.find(status.requestId);
      if (request !== undefined) return { outcome: 'moved', request, change: applied.change };
    }
    throw new JudicialError(
      JudicialErrorCode.StatusInvalid,
      `request ${status.requestId} kept moving under this status: ${MOVE_ATTEMPTS} attempts`,
    );
  }

  async recordReceipt(receipt: TransportReceipt, now = new Date()): Promise<ReceiptStoreOutcome> {
    const checked = recordReceipt([], receipt);
    if (!checked.ok) {
      const { reason, raison } = checked;
      return { outcome: 'refused', refusal: { code: JudicialErrorCode.ReceiptInvalid, reason, raison } };
    }
    if ((await requestRow(this.db, receipt.requestId)) === undefined) {
      return { outcome: 'refused', refusal: unknownRequest(receipt.requestId) };
    }
    const result = await this.db
      .insertInto('judicial_receipts')
      .values({
        request_id: receipt.requestId,
        message_id: receipt.messageId,
        evidence: receipt.evidence,
        issuer: receipt.issuer,
        at: receipt.at,
        reason: receipt.reason ?? null,
        recorded_at: now.toISOString(),
      })
      .onConflict((conflict) => conflict.columns(['message_id', 'evidence', 'issuer']).doNothing())
      .executeTakeFirst();
    return { outcome: Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? 'recorded' : 'duplicate' };
  }

  async find(requestId: string): Promise<StoredJudicialRequest | undefined> {
    const row = await requestRow(this.db, requestId);
    return row === undefined ? undefined : (await loadRequests(this.db, [row]))[0];
  }

  async payload(requestId: string): Promise<Buffer | undefined> {
    const row = await this.db
      .selectFrom('judicial_requests')
      .select('sealed_payload')
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    try {
      return this.cipher.open(Buffer.from(row.sealed_payload), payloadContext(requestId));
    } catch (error: unknown) {
      if (!(error instanceof JournalError)) throw error;
      throw new JudicialError(
        JudicialErrorCode.PayloadUnreadable,
        `the bytes of request ${requestId} do not open: another payload key, or the row was altered`,
        [],
        { cause: error },
      );
    }
  }

  async list(filter: JudicialRequestList = {}): Promise<StoredJudicialRequest[]> {
    let query = this.db.selectFrom('judicial_requests').selectAll();
    if (filter.state !== undefined) query = query.where('state', '=', filter.state);
    const rows = await query.orderBy('stored_at').orderBy('request_id').execute();
    return loadRequests(this.db, rows);
  }

  async linkedTo(noticeId: string): Promise<StoredJudicialRequest[]> {
    const ids = await requestIdsLinkedTo(this.db, noticeId);
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('judicial_requests')
      .select(REQUEST_COLUMNS)
      .where('request_id', 'in', ids)
      .execute();
    const requests = await loadRequests(this.db, rows);
    return ids.flatMap((id) => requests.filter((request) => request.requestId === id));
  }

  async scanReminders(policy: FollowUpPolicy, now = new Date()): Promise<FiredReminder[]> {
    return this.recordReminders(await this.dueReminders(policy, now));
  }

  async dueReminders(policy: FollowUpPolicy, now = new Date()): Promise<FiredReminder[]> {
    const rows = await this.db
      .selectFrom('judicial_requests as request')
      .leftJoin('judicial_reminders as reminder', (join) =>
        join
          .onRef('reminder.request_id', '=', 'request.request_id')
          .onRef('reminder.armed_on', '=', 'request.moves'),
      )
      .select([
        'request.request_id',
        'request.kind',
        'request.urgency',
        'request.state',
        'request.moves',
        'request.last_move_at',
      ])
      .where('request.state', 'not in', NEVER_REMINDED)
      // Already reminded in this quiet spell.
      .where('reminder.request_id', 'is', null)
      .orderBy('request.last_move_at_ms')
      .orderBy('request.request_id')
      .execute();
    const due: FiredReminder[] = [];
    for (const row of rows) {
      const followed = {
        kind: row.kind as RequestKind,
        urgency: row.urgency as RequestUrgency,
        state: row.state as JudicialState,
        lastMoveAt: row.last_move_at,
      };
      const overdue = overdueOf(followed, policy, now);
      if (overdue === undefined) continue;
      due.push({
        requestId: row.request_id,
        armedOn: Number(row.moves),
        state: followed.state,
        days: overdue.days,
        dueAt: overdue.dueAt,
        firedAt: now.toISOString(),
      });
    }
    return due;
  }

  async recordReminders(reminders: readonly FiredReminder[]): Promise<FiredReminder[]> {
    const fired: FiredReminder[] = [];
    for (const reminder of reminders) {
      const result = await this.db
        .insertInto('judicial_reminders')
        .values({
          request_id: reminder.requestId,
          armed_on: reminder.armedOn,
          state: reminder.state,
          days: reminder.days,
          due_at: reminder.dueAt,
          fired_at: reminder.firedAt,
        })
        .onConflict((conflict) => conflict.columns(['request_id', 'armed_on']).doNothing())
        .executeTakeFirst();
      // Already fired for this quiet spell (an earlier scan, or another scanner just now).
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) fired.push(reminder);
    }
    return fired;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

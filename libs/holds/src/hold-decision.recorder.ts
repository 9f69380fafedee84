// One operator's decision, recorded in one transaction that first locks the hold's row: two
// decisions at the same moment are serialised, the count is read after the lock, and a hold is
// released or rejected once.
import type { Kysely } from 'kysely';
import { readHold } from './hold.queries';
import type { DecideResult, Hold, HoldDecision, HoldStatus } from './hold.types';
import { HoldsError, HoldsErrorCode } from './holds.error';
import type { HoldsDatabase } from './holds.schema';

export function recordDecision(
  db: Kysely<HoldsDatabase>,
  holdId: string,
  decision: HoldDecision,
  now: Date,
): Promise<DecideResult> {
  return db.transaction().execute(async (trx) => {
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
    const hold = await readHold(trx, holdId);
    if (!hold) throw new HoldsError(HoldsErrorCode.NotFound, `no hold ${holdId}`, { holdId });
    assertOpen(hold, decision, now);
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
          ...(ends === 'rejected' ? { sealed_body: null, signature: null } : {}),
        })
        .where('id', '=', holdId)
        .where('status', '=', 'waiting')
        .execute();
    }
    const outcome = ends === 'released' ? 'released' : ends === 'rejected' ? 'rejected' : 'recorded';
    const after = await readHold(trx, holdId);
    if (!after) throw new HoldsError(HoldsErrorCode.NotFound, `no hold ${holdId}`, { holdId });
    return { hold: after, outcome };
  });
}

function assertOpen(hold: Hold, decision: HoldDecision, now: Date): void {
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
      `${decision.operatorId} already decided hold ${hold.id} (${earlier.decision} at ${earlier.at}); another operator must decide`,
      { ...ids, operatorId: decision.operatorId },
    );
  }
}

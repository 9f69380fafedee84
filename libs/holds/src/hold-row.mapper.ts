import type { Selectable } from 'kysely';
import type { Hold, HoldDecision, HoldDecisionKind, HoldStatus } from './hold.types';
import type { HoldDecisionsTable, HoldsTable } from './holds.schema';

/** Every column but the message bytes: lists and shows never carry the held message. */
export const HOLD_COLUMNS = [
  'id',
  'message_id',
  'correlation_id',
  'sender',
  'type',
  'classification',
  'destination',
  'rule',
  'reason',
  'approvals_required',
  'message_sha256',
  'status',
  'created_at',
  'expires_at',
  'decided_at',
  'forwarded_at',
] as const;

export type HoldRow = Pick<Selectable<HoldsTable>, (typeof HOLD_COLUMNS)[number]>;

export function holdFromRow(row: HoldRow, decisions: HoldDecision[]): Hold {
  return {
    id: row.id,
    messageId: row.message_id,
    ...(row.correlation_id ? { correlationId: row.correlation_id } : {}),
    sender: row.sender,
    type: row.type,
    classification: row.classification,
    destination: 'INTERPOL',
    rule: row.rule,
    reason: row.reason,
    approvalsRequired: Number(row.approvals_required),
    ...(row.message_sha256 ? { messageSha256: row.message_sha256 } : {}),
    status: row.status as HoldStatus,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
    ...(row.forwarded_at ? { forwardedAt: row.forwarded_at } : {}),
    decisions,
  };
}

export function decisionFromRow(row: Selectable<HoldDecisionsTable>): HoldDecision {
  return {
    operatorId: row.operator_id,
    decision: row.decision as HoldDecisionKind,
    certificateFingerprint: row.certificate_fingerprint,
    at: row.at,
    ...(row.reason ? { reason: row.reason } : {}),
    statement: row.statement,
    signature: row.signature,
  };
}

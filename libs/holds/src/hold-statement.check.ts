// What makes a signed decision count, checked the same way when an operator decides (HoldDesk) and
// when the router re-checks the stored approvals before forwarding (HoldReleaseCheck).
import { SignatureVerifier, TrustError, type VerifiedSignature } from '@pcms/trust';
import type { HoldBinding, HoldStatement, SignedHoldStatement } from './hold-statement';
import { HoldsError, HoldsErrorCode } from './holds.error';

const MIN_REASON_LENGTH = 3;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const BOUND_FIELDS = ['holdId', 'messageId', 'messageSha256', 'rule', 'approvalsRequired'] as const;

/** The signature chains to the CA, is not revoked (the verifier's CRL), and the certificate is an operator's. */
export function verifyOperatorSignature(
  verifier: SignatureVerifier,
  signed: SignedHoldStatement,
): VerifiedSignature {
  let signer: VerifiedSignature;
  try {
    signer = verifier.verify(Buffer.from(signed.statement, 'utf8'), Buffer.from(signed.signature, 'base64'));
  } catch (error: unknown) {
    if (!(error instanceof TrustError)) throw error;
    throw new HoldsError(
      HoldsErrorCode.SignatureRefused,
      `the decision's signature is refused: ${error.message}`,
      { trustCode: error.code },
      { cause: error },
    );
  }
  if (signer.role !== 'operator') {
    throw new HoldsError(
      HoldsErrorCode.NotAnOperator,
      `${signer.signerId} holds a ${signer.role} certificate, not an operator's: only operators decide holds`,
      { signerId: signer.signerId, role: signer.role },
    );
  }
  return signer;
}

/** The statement must be exactly what `signHoldStatement` builds; anything else is refused. */
export function parseHoldStatement(text: string): HoldStatement {
  const invalid = (why: string) =>
    new HoldsError(HoldsErrorCode.StatementInvalid, `the signed statement ${why}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('is not JSON');
  }
  const statement = value as Partial<HoldStatement> | null;
  if (!statement || typeof statement !== 'object') throw invalid('is not an object');
  if (typeof statement.holdId !== 'string') throw invalid('names no hold');
  if (typeof statement.messageId !== 'string') throw invalid('names no message');
  if (typeof statement.messageSha256 !== 'string' || !SHA256_HEX.test(statement.messageSha256))
    throw invalid('binds no message digest (messageSha256)');
  if (typeof statement.rule !== 'string') throw invalid('names no rule');
  if (!Number.isInteger(statement.approvalsRequired) || (statement.approvalsRequired ?? 0) < 1)
    throw invalid('binds no count of approvals required');
  if (statement.decision !== 'approve' && statement.decision !== 'reject')
    throw invalid('is neither approve nor reject');
  if (typeof statement.at !== 'string' || Number.isNaN(Date.parse(statement.at)))
    throw invalid('has no time');
  const reason = typeof statement.reason === 'string' ? statement.reason.trim() : null;
  if (statement.decision === 'reject' && (!reason || reason.length < MIN_REASON_LENGTH)) {
    throw invalid(`refuses without a reason (at least ${MIN_REASON_LENGTH} characters)`);
  }
  return {
    holdId: statement.holdId,
    messageId: statement.messageId,
    messageSha256: statement.messageSha256,
    rule: statement.rule,
    approvalsRequired: statement.approvalsRequired as number,
    decision: statement.decision,
    reason,
    at: statement.at,
  };
}

/** The first field the signed statement binds differently from `expected` (the hold as it is now), if any. */
export function bindingMismatch(
  statement: HoldBinding,
  expected: HoldBinding,
): { field: (typeof BOUND_FIELDS)[number]; signed: unknown; found: unknown } | undefined {
  const field = BOUND_FIELDS.find((name) => statement[name] !== expected[name]);
  return field ? { field, signed: statement[field], found: expected[field] } : undefined;
}

// What makes a signed decision count, checked the same way when an operator decides (HoldDesk) and
// when the router re-checks the stored approvals before forwarding (HoldReleaseCheck).
import { SignatureVerifier, TrustError, type VerifiedSignature } from '@pcms/trust';
import type { HoldStatement, SignedHoldStatement } from './hold-statement';
import { HoldsError, HoldsErrorCode } from './holds.error';

const MIN_REASON_LENGTH = 3;

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
  if (statement.decision !== 'approve' && statement.decision !== 'reject')
    throw invalid('is neither approve nor reject');
  if (typeof statement.at !== 'string' || Number.isNaN(Date.parse(statement.at)))
    throw invalid('has no time');
  const reason = typeof statement.reason === 'string' ? statement.reason.trim() : null;
  if (statement.decision === 'reject' && (!reason || reason.length < MIN_REASON_LENGTH)) {
    throw invalid(`refuses without a reason (at least ${MIN_REASON_LENGTH} characters)`);
  }
  return { holdId: statement.holdId, decision: statement.decision, reason, at: statement.at };
}

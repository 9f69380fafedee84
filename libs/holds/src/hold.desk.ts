import { SignatureVerifier, TrustError } from '@pcms/trust';
import type { DecideResult, HoldDecision, HoldStore } from './hold.types';
import type { HoldStatement, SignedHoldStatement } from './hold-statement';
import { HoldsError, HoldsErrorCode } from './holds.error';

const MIN_REASON_LENGTH = 3;

/**
 * Four eyes with real identities: a decision counts only when its statement is signed by a
 * certificate of role `operator` that chains to the deployment's CA and is not revoked (the
 * verifier carries the CRL). The operator is whoever the certificate names, never a typed name.
 */
export class HoldDesk {
  constructor(
    private readonly store: HoldStore,
    private readonly verifier: SignatureVerifier,
  ) {}

  async decide(
    holdIdOrMessageId: string,
    signed: SignedHoldStatement,
    now = new Date(),
  ): Promise<DecideResult> {
    const hold = await this.store.find(holdIdOrMessageId);
    if (!hold) {
      throw new HoldsError(HoldsErrorCode.NotFound, `no hold ${holdIdOrMessageId}`, {
        holdId: holdIdOrMessageId,
      });
    }
    const statement = parseStatement(signed.statement);
    if (statement.holdId !== hold.id) {
      throw new HoldsError(
        HoldsErrorCode.StatementInvalid,
        `the statement is about hold ${statement.holdId}, not ${hold.id}`,
        {
          holdId: hold.id,
        },
      );
    }
    const signer = this.verifySigner(signed);
    const decision: HoldDecision = {
      operatorId: signer.signerId,
      decision: statement.decision,
      certificateFingerprint: signer.fingerprintSha256,
      at: statement.at,
      ...(statement.reason ? { reason: statement.reason } : {}),
      statement: signed.statement,
      signature: signed.signature,
    };
    return this.store.decide(hold.id, decision, now);
  }

  private verifySigner(signed: SignedHoldStatement) {
    let signer;
    try {
      signer = this.verifier.verify(
        Buffer.from(signed.statement, 'utf8'),
        Buffer.from(signed.signature, 'base64'),
      );
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
}

/** The statement must be exactly what `signHoldStatement` builds; anything else is refused. */
function parseStatement(text: string): HoldStatement {
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

import type { SignatureVerifier } from '@pcms/trust';
import type { DecideResult, HoldDecision, HoldStore } from './hold.types';
import { bindingOf, type SignedHoldStatement } from './hold-statement';
import { bindingMismatch, parseHoldStatement, verifyOperatorSignature } from './hold-statement.check';
import { HoldsError, HoldsErrorCode } from './holds.error';

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
    const statement = parseHoldStatement(signed.statement);
    if (statement.holdId !== hold.id) {
      throw new HoldsError(
        HoldsErrorCode.StatementInvalid,
        `the statement is about hold ${statement.holdId}, not ${hold.id}`,
        {
          holdId: hold.id,
        },
      );
    }
    // The operator approves this message under this rule and count, as the row records them now.
    const mismatch = bindingMismatch(statement, bindingOf(hold));
    if (mismatch) {
      throw new HoldsError(
        HoldsErrorCode.StatementInvalid,
        `the statement binds another ${mismatch.field} than hold ${hold.id} (${String(mismatch.signed)}, the hold has ${String(mismatch.found)})`,
        { holdId: hold.id, field: mismatch.field },
      );
    }
    const signer = verifyOperatorSignature(this.verifier, signed);
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
}

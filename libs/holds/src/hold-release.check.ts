// Before a released hold leaves, the router trusts nothing the database says about who approved:
// each stored approval is verified again (signed statement and signature against the CA and the
// CRL in force now, operator role, the signer is the recorded operator, the statement approves this
// hold), each statement binds this message (id and SHA-256 of the bytes about to leave), this rule
// and this count, the operators are counted by their certificates, and the count must reach what the
// hold and the policy ask. A row altered by someone with database access does not release a message.
import type { SignatureVerifier } from '@pcms/trust';
import { bindingOf, heldMessageSha256, type HoldBinding } from './hold-statement';
import { bindingMismatch, parseHoldStatement, verifyOperatorSignature } from './hold-statement.check';
import type { Hold, HoldDecision } from './hold.types';
import { HoldsError, HoldsErrorCode } from './holds.error';

/** An approval that verified: who, with which certificate, when they signed. */
export interface VerifiedApproval {
  operatorId: string;
  certificateFingerprint: string;
  at: string;
}

export class HoldReleaseCheck {
  constructor(private readonly verifier: SignatureVerifier) {}

  /**
   * The approvals that release `hold`, or `HOLD_APPROVALS_UNVERIFIED` naming the first that does not
   * verify (`detail.operatorId`, `detail.cause` the code; `detail.field` when the statement binds
   * another message, rule or count) or the shortfall. `body` is the unsealed message about to leave:
   * its digest must be the one the operators signed. `minimumApprovals` is what the policy's rule
   * asks now: a count lowered in the row does not lower the bar.
   */
  verify(hold: Hold, body: Buffer, minimumApprovals = 1): VerifiedApproval[] {
    const approvals = hold.decisions.filter((decision) => decision.decision === 'approve');
    // The digest of the bytes themselves, never the one recorded in the row.
    const expected: HoldBinding = { ...bindingOf(hold), messageSha256: heldMessageSha256(body) };
    const verified = new Map<string, VerifiedApproval>();
    for (const approval of approvals) {
      const checked = this.verifyOne(hold, expected, approval);
      if (verified.has(checked.operatorId)) {
        throw this.refuse(hold, `${checked.operatorId} approved twice: four eyes needs distinct operators`, {
          operatorId: checked.operatorId,
        });
      }
      verified.set(checked.operatorId, checked);
    }
    const required = Math.max(hold.approvalsRequired, minimumApprovals, 1);
    if (verified.size < required) {
      throw this.refuse(hold, `${verified.size} verified approvals of ${required} required`, {
        verified: verified.size,
        required,
      });
    }
    return [...verified.values()];
  }

  private verifyOne(hold: Hold, expected: HoldBinding, approval: HoldDecision): VerifiedApproval {
    const ids = { operatorId: approval.operatorId };
    let statement;
    let signer;
    try {
      statement = parseHoldStatement(approval.statement);
      signer = verifyOperatorSignature(this.verifier, approval);
    } catch (error: unknown) {
      if (!(error instanceof HoldsError)) throw error;
      const cause = error.detail.trustCode ?? error.code;
      throw this.refuse(
        hold,
        `the approval recorded for ${approval.operatorId} does not verify: ${error.message}`,
        {
          ...ids,
          cause,
        },
      );
    }
    if (statement.holdId !== hold.id || statement.decision !== 'approve') {
      throw this.refuse(
        hold,
        `the statement signed by ${signer.signerId} does not approve hold ${hold.id}`,
        ids,
      );
    }
    const mismatch = bindingMismatch(statement, expected);
    if (mismatch) {
      throw this.refuse(
        hold,
        `the approval signed by ${signer.signerId} binds another ${mismatch.field} (${String(mismatch.signed)}, the hold has ${String(mismatch.found)})`,
        { ...ids, field: mismatch.field },
      );
    }
    if (
      signer.signerId !== approval.operatorId ||
      signer.fingerprintSha256 !== approval.certificateFingerprint
    ) {
      throw this.refuse(
        hold,
        `the approval recorded for ${approval.operatorId} is signed by ${signer.signerId} (another certificate)`,
        ids,
      );
    }
    return {
      operatorId: signer.signerId,
      certificateFingerprint: signer.fingerprintSha256,
      at: statement.at,
    };
  }

  private refuse(hold: Hold, reason: string, detail: Record<string, unknown>): HoldsError {
    return new HoldsError(HoldsErrorCode.ApprovalsUnverified, `hold ${hold.id}: ${reason}`, {
      holdId: hold.id,
      ...detail,
    });
  }
}

// Before a released hold leaves, the router trusts nothing the database says about who approved:
// each stored approval is verified again (signed statement and signature against the CA and the
// CRL in force now, operator role, the signer is the recorded operator, the statement approves this
// hold), the operators are counted by their certificates, and the count must reach what the hold
// and the policy ask. A row altered by someone with database access does not release a message.
import type { SignatureVerifier } from '@pcms/trust';
import { parseHoldStatement, verifyOperatorSignature } from './hold-statement.check';
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
   * verify (`detail.operatorId`, `detail.cause` the code) or the shortfall. `minimumApprovals` is what
   * the policy's rule asks now: a count lowered in the row does not lower the bar.
   */
  verify(hold: Hold, minimumApprovals = 1): VerifiedApproval[] {
    const approvals = hold.decisions.filter((decision) => decision.decision === 'approve');
    const verified = new Map<string, VerifiedApproval>();
    for (const approval of approvals) {
      const checked = this.verifyOne(hold, approval);
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

  private verifyOne(hold: Hold, approval: HoldDecision): VerifiedApproval {
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

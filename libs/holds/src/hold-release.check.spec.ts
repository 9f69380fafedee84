import { issueCertificate, normalizeSerialHex, SignatureVerifier, type Credential } from '@pcms/trust';
import { createTestPki } from '@pcms/trust/testing';
import { HoldReleaseCheck } from './hold-release.check';
import { heldMessageSha256, signHoldStatement, type HoldStatement } from './hold-statement';
import type { Hold, HoldDecision } from './hold.types';
import { HoldsErrorCode } from './holds.error';

describe(HoldReleaseCheck.name, () => {
  const pki = createTestPki();
  const operator = (id: string) => issueCertificate({ issuer: pki.ca, subjectId: id, role: 'operator' });
  const opsA = operator('OPS-A');
  const opsB = operator('OPS-B');
  const revoked = new Set<string>();
  const verifier = new SignatureVerifier({
    trustAnchorsPem: [pki.ca.certificatePem],
    revocation: { isRevoked: (serialHex) => revoked.has(serialHex) },
  });
  const sut = new HoldReleaseCheck(verifier);
  const HOLD_ID = '6f1c1e9e-6a38-4bd5-9a55-0d6c2b7f1a10';
  const MESSAGE_ID = 'a9a3b3f0-0000-4000-8000-000000000001';
  const RULE = 'outbound.originator-consent';
  /** The held message as its sender signed it: what the operators approve and what leaves. */
  const BODY = Buffer.from('{"id":"a9a3b3f0-0000-4000-8000-000000000001","payload":{"name":"AG ALBACHIR"}}');

  function approvalBy(
    credential: Credential,
    recordedAs: string,
    statement: Partial<HoldStatement> = {},
  ): HoldDecision {
    const signed = signHoldStatement(credential, {
      holdId: HOLD_ID,
      messageId: MESSAGE_ID,
      messageSha256: heldMessageSha256(BODY),
      rule: RULE,
      approvalsRequired: 2,
      decision: 'approve',
      reason: statement.decision === 'reject' ? 'not this one' : null,
      at: '2026-11-25T10:00:00.000Z',
      ...statement,
    });
    const fingerprint = verifier.verify(
      Buffer.from(signed.statement),
      Buffer.from(signed.signature, 'base64'),
    );
    return {
      operatorId: recordedAs,
      decision: 'approve',
      certificateFingerprint: fingerprint.fingerprintSha256,
      at: '2026-11-25T10:00:00.000Z',
      ...signed,
    };
  }

  function released(decisions: HoldDecision[], approvalsRequired = 2): Hold {
    return {
      id: HOLD_ID,
      messageId: MESSAGE_ID,
      sender: 'NP-ML',
      type: 'person.wanted',
      classification: 'RESTRICTED',
      destination: 'INTERPOL',
      rule: RULE,
      reason: 'no consent',
      approvalsRequired,
      status: 'released',
      createdAt: '2026-11-25T09:00:00.000Z',
      expiresAt: '2026-11-26T09:00:00.000Z',
      decisions,
    };
  }

  const refusalOf = (hold: Hold, minimum?: number, body = BODY) => {
    try {
      sut.verify(hold, body, minimum);
    } catch (error: unknown) {
      return error as { code: string; detail: Record<string, unknown> };
    }
    throw new Error('the check passed');
  };

  beforeEach(() => revoked.clear());

  it('returns the operators of two verified approvals by two certificates', () => {
    const approvals = sut.verify(released([approvalBy(opsA, 'OPS-A'), approvalBy(opsB, 'OPS-B')]), BODY);

    expect(approvals.map((a) => a.operatorId)).toEqual(['OPS-A', 'OPS-B']);
  });

  it('refuses an approval whose recorded statement was altered after it was signed', () => {
    const tampered = { ...approvalBy(opsB, 'OPS-B') };
    tampered.statement = tampered.statement.replace('2026-11-25', '2026-11-24');

    const refusal = refusalOf(released([approvalBy(opsA, 'OPS-A'), tampered]));

    expect(refusal).toMatchObject({
      code: HoldsErrorCode.ApprovalsUnverified,
      detail: { operatorId: 'OPS-B', cause: 'SIGNATURE_INVALID' },
    });
  });

  it('refuses one operator recorded under two names (four eyes counts certificates)', () => {
    const refusal = refusalOf(released([approvalBy(opsA, 'OPS-A'), approvalBy(opsA, 'OPS-B')]));

    expect(refusal).toMatchObject({
      code: HoldsErrorCode.ApprovalsUnverified,
      detail: { operatorId: 'OPS-B' },
    });
  });

  it('refuses an approval by an operator revoked since, a platform, or about another hold', () => {
    const approvedBeforeRevocation = released([approvalBy(opsA, 'OPS-A'), approvalBy(opsB, 'OPS-B')]);
    revoked.add(normalizeSerialHex(opsB.serialNumber));
    const byRevoked = refusalOf(approvedBeforeRevocation);
    revoked.clear();
    const byPlatform = refusalOf(
      released([approvalBy(opsA, 'OPS-A'), approvalBy(pki.credential('NP-ML'), 'NP-ML')]),
    );
    const otherHold = refusalOf(
      released([approvalBy(opsA, 'OPS-A'), approvalBy(opsB, 'OPS-B', { holdId: 'another-hold' })]),
    );
    const aRefusal = refusalOf(
      released([approvalBy(opsA, 'OPS-A'), approvalBy(opsB, 'OPS-B', { decision: 'reject' })]),
    );

    expect(byRevoked.detail).toMatchObject({ operatorId: 'OPS-B', cause: 'CERTIFICATE_REVOKED' });
    expect(byPlatform.detail).toMatchObject({ cause: HoldsErrorCode.NotAnOperator });
    expect(otherHold.code).toBe(HoldsErrorCode.ApprovalsUnverified);
    expect(aRefusal.code).toBe(HoldsErrorCode.ApprovalsUnverified);
  });

  it('refuses too few approvals, for the hold or for the policy when the row asks fewer', () => {
    const oneOfTwo = refusalOf(released([approvalBy(opsA, 'OPS-A')]));
    const signedForOne = [approvalBy(opsA, 'OPS-A', { approvalsRequired: 1 })];
    const loweredPolicy = refusalOf(released(signedForOne, 1), 2);

    expect(oneOfTwo.detail).toMatchObject({ verified: 1, required: 2 });
    expect(loweredPolicy.detail).toMatchObject({ verified: 1, required: 2 });
  });

  describe('binds what the operators approved', () => {
    const approvedByTwo = () => [approvalBy(opsA, 'OPS-A'), approvalBy(opsB, 'OPS-B')];

    it('refuses a hold whose approvals_required was lowered in the row after they signed', () => {
      const refusal = refusalOf(released(approvedByTwo(), 1));

      expect(refusal).toMatchObject({
        code: HoldsErrorCode.ApprovalsUnverified,
        detail: { operatorId: 'OPS-A', field: 'approvalsRequired' },
      });
    });

    it('refuses other bytes than those approved, even a valid message of the same id', () => {
      const other = Buffer.from(BODY.toString('utf8').replace('AG ALBACHIR', 'SOMEONE ELSE'));

      const refusal = refusalOf(released(approvedByTwo()), undefined, other);

      expect(refusal).toMatchObject({
        code: HoldsErrorCode.ApprovalsUnverified,
        detail: { field: 'messageSha256' },
      });
    });

    it('refuses a hold whose rule or message id was changed in the row', () => {
      const otherRule = refusalOf({ ...released(approvedByTwo()), rule: 'outbound.weaker-rule' });
      const otherMessage = refusalOf({ ...released(approvedByTwo()), messageId: 'another-message' });

      expect(otherRule.detail).toMatchObject({ field: 'rule' });
      expect(otherMessage.detail).toMatchObject({ field: 'messageId' });
    });

    it('refuses an approval signed without the binding (a statement of the earlier shape)', () => {
      const legacy = approvalBy(opsB, 'OPS-B');
      const { holdId, decision, reason, at } = JSON.parse(legacy.statement) as HoldStatement;
      const unbound = signHoldStatement(opsB, { holdId, decision, reason, at } as HoldStatement);

      const refusal = refusalOf(released([approvalBy(opsA, 'OPS-A'), { ...legacy, ...unbound }]));

      expect(refusal).toMatchObject({
        code: HoldsErrorCode.ApprovalsUnverified,
        detail: { operatorId: 'OPS-B', cause: HoldsErrorCode.StatementInvalid },
      });
    });
  });
});

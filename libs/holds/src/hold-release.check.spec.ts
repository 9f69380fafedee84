import { issueCertificate, normalizeSerialHex, SignatureVerifier, type Credential } from '@pcms/trust';
import { createTestPki } from '@pcms/trust/testing';
import { HoldReleaseCheck } from './hold-release.check';
import { signHoldStatement } from './hold-statement';
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

  function approvalBy(
    credential: Credential,
    recordedAs: string,
    statement: { holdId?: string; decision?: 'approve' | 'reject' } = {},
  ): HoldDecision {
    const signed = signHoldStatement(credential, {
      holdId: statement.holdId ?? HOLD_ID,
      decision: statement.decision ?? 'approve',
      reason: statement.decision === 'reject' ? 'not this one' : null,
      at: '2026-11-25T10:00:00.000Z',
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
      messageId: 'a9a3b3f0-0000-4000-8000-000000000001',
      sender: 'NP-ML',
      type: 'person.wanted',
      classification: 'RESTRICTED',
      destination: 'INTERPOL',
      rule: 'outbound.originator-consent',
      reason: 'no consent',
      approvalsRequired,
      status: 'released',
      createdAt: '2026-11-25T09:00:00.000Z',
      expiresAt: '2026-11-26T09:00:00.000Z',
      decisions,
    };
  }

  const refusalOf = (hold: Hold, minimum?: number) => {
    try {
      sut.verify(hold, minimum);
    } catch (error: unknown) {
      return error as { code: string; detail: Record<string, unknown> };
    }
    throw new Error('the check passed');
  };

  beforeEach(() => revoked.clear());

  it('returns the operators of two verified approvals by two certificates', () => {
    const approvals = sut.verify(released([approvalBy(opsA, 'OPS-A'), approvalBy(opsB, 'OPS-B')]));

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
    const loweredRow = refusalOf(released([approvalBy(opsA, 'OPS-A')], 0), 2);

    expect(oneOfTwo.detail).toMatchObject({ verified: 1, required: 2 });
    expect(loweredRow.detail).toMatchObject({ verified: 1, required: 2 });
  });
});

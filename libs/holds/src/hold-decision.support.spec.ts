import { canonicalBytes } from '@pcms/envelope';
import { issueCertificate, TrustErrorCode } from '@pcms/trust';
import { createTestPki } from '@pcms/trust/testing';
import { holdDecisionVerifier, holdStatementOfToken, holdStatementToken } from './hold-decision.support';
import { signHoldStatement, type HoldStatement } from './hold-statement';
import { HoldsErrorCode } from './holds.error';

const STATEMENT: HoldStatement = {
  holdId: '6f1c1e9e-6a38-4bd5-9a55-0d6c2b7f1a10',
  messageId: 'a9a3b3f0-0000-4000-8000-000000000001',
  messageSha256: 'a'.repeat(64),
  rule: 'outbound.originator-consent',
  approvalsRequired: 2,
  decision: 'approve',
  reason: null,
  at: '2026-12-05T08:00:00.000Z',
};

describe(holdStatementToken.name, () => {
  it('carries the canonical statement in one shell-safe word, read back as HoldDesk reads it', () => {
    const sut = holdStatementToken(STATEMENT);
    expect(sut).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sut, 'base64url').equals(canonicalBytes(STATEMENT))).toBe(true);
    expect(holdStatementOfToken(sut)).toEqual(STATEMENT);
    // What `pcms hold sign` signs is byte for byte what the console put in its form.
    const pki = createTestPki();
    const operator = issueCertificate({ issuer: pki.ca, subjectId: 'OPS-A', role: 'operator' });
    expect(signHoldStatement(operator, holdStatementOfToken(sut)).statement).toBe(
      canonicalBytes(STATEMENT).toString('utf8'),
    );
  });

  it('refuses a token that is not base64url, or whose statement is not a decision', () => {
    expect(codeOf(() => holdStatementOfToken('not a token!'))).toBe(HoldsErrorCode.StatementInvalid);
    const refusalWithoutReason = holdStatementToken({ ...STATEMENT, decision: 'reject' });
    expect(codeOf(() => holdStatementOfToken(refusalWithoutReason))).toBe(HoldsErrorCode.StatementInvalid);
  });
});

describe(holdDecisionVerifier.name, () => {
  it('trusts the deployment’s CA and refuses what its published revocation list revoked', () => {
    const pki = createTestPki();
    const operator = issueCertificate({ issuer: pki.ca, subjectId: 'OPS-A', role: 'operator' });
    // The same name, certified by another CA: a key the deployment never certified.
    const stranger = issueCertificate({ issuer: pki.foreignCa, subjectId: 'OPS-A', role: 'operator' });
    const signed = signHoldStatement(operator, STATEMENT);
    const forged = signHoldStatement(stranger, STATEMENT);
    const sut = holdDecisionVerifier({
      caCertificatePem: () => pki.ca.certificatePem,
      crlPem: () => undefined,
    });
    const verify = (s: typeof signed) =>
      sut.verify(Buffer.from(s.statement), Buffer.from(s.signature, 'base64'));

    expect(verify(signed).signerId).toBe('OPS-A');
    expect(codeOf(() => verify(forged))).toBe(TrustErrorCode.CERTIFICATE_UNTRUSTED);
  });
});

/** The code of what `run` throws, or undefined when it returns. */
function codeOf(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error: unknown) {
    return (error as { code?: unknown }).code;
  }
}

import fc from 'fast-check';
import { createTestPki, TestPki, trustErrorOf } from '@pcms/trust/testing';
import { CmsSigner } from './cms.signer';
import { Credential } from './credential.model';
import { SignatureVerifier } from './signature.verifier';
import { TrustError, TrustErrorCode } from './trust.error';

const content = Buffer.from('{"id":"6f1c","sender":"NP-ML","type":"person.wanted"}', 'utf8');

describe(SignatureVerifier.name, () => {
  let pki: TestPki;
  let sut: SignatureVerifier;
  const signWith = (credential: Credential, bytes = content): Buffer => new CmsSigner(credential).sign(bytes);

  beforeAll(() => {
    pki = createTestPki();
    sut = new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] });
  });

  it('accepts a signature made by a trusted platform and names the signer', () => {
    const result = sut.verify(content, signWith(pki.platforms['NP-ML']), { expectedSigner: 'NP-ML' });

    expect(result.signerId).toBe('NP-ML');
    expect(result.role).toBe('platform');
    expect(result.certificatePem).toBe(pki.platforms['NP-ML'].certificatePem);
    expect(result.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.abs(result.signingTime!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it.each([
    ['GATEWAY', 'gateway'],
    ['I247-PEER', 'peer'],
  ])('reports the role of %s', (id, role) => {
    expect(sut.verify(content, signWith(pki.credential(id))).role).toBe(role);
  });

  it('verifies again from the chain cache with the same verdict', () => {
    const signature = signWith(pki.platforms['NP-TD']);

    const first = sut.verify(content, signature);
    const second = sut.verify(content, signature);

    expect(second).toEqual(first);
  });

  it.each([
    ['absent', undefined],
    ['empty', Buffer.alloc(0)],
  ])('refuses an %s signature as SIGNATURE_MISSING', (_case, signature) => {
    expect(trustErrorOf(() => sut.verify(content, signature)).code).toBe(TrustErrorCode.SIGNATURE_MISSING);
  });

  it('refuses garbage as SIGNATURE_MALFORMED', () => {
    const error = trustErrorOf(() => sut.verify(content, Buffer.from('not a signature at all')));

    expect(error.code).toBe(TrustErrorCode.SIGNATURE_MALFORMED);
    expect(error.cause).toBeDefined();
  });

  it('refuses tampered content as SIGNATURE_INVALID', () => {
    const signature = signWith(pki.platforms['NP-ML']);
    const tampered = Buffer.from(content.toString('utf8').replace('NP-ML', 'NP-NE'), 'utf8');

    expect(trustErrorOf(() => sut.verify(tampered, signature)).code).toBe(TrustErrorCode.SIGNATURE_INVALID);
  });

  it('refuses a tampered RSA signature as SIGNATURE_INVALID', () => {
    const signature = signWith(pki.platforms['NP-ML']);
    signature[signature.length - 1] ^= 0x01; // the last byte is inside the RSA signature value

    expect(trustErrorOf(() => sut.verify(content, signature)).code).toBe(TrustErrorCode.SIGNATURE_INVALID);
  });

  it.each<[string, (pki: TestPki) => Credential, TrustErrorCode]>([
    ['expired', (p) => p.expired, TrustErrorCode.CERTIFICATE_EXPIRED],
    ['not yet valid', (p) => p.notYetValid, TrustErrorCode.CERTIFICATE_NOT_YET_VALID],
    ['issued by another CA', (p) => p.wrongIssuer, TrustErrorCode.CERTIFICATE_UNTRUSTED],
    ['without digitalSignature usage', (p) => p.wrongKeyUsage, TrustErrorCode.CERTIFICATE_KEY_USAGE],
  ])('refuses a certificate %s', (_case, credentialOf, code) => {
    const signature = signWith(credentialOf(pki));

    expect(trustErrorOf(() => sut.verify(content, signature, { expectedSigner: 'NP-ML' })).code).toBe(code);
  });

  it("refuses another platform's valid signature as SIGNER_MISMATCH", () => {
    const signature = signWith(pki.platforms['NP-BF']);

    const error = trustErrorOf(() => sut.verify(content, signature, { expectedSigner: 'NP-ML' }));

    expect(error.code).toBe(TrustErrorCode.SIGNER_MISMATCH);
  });

  it('refuses a signature made with the CA key itself (no signing usage)', () => {
    expect(trustErrorOf(() => sut.verify(content, signWith(pki.ca))).code).toBe(
      TrustErrorCode.CERTIFICATE_KEY_USAGE,
    );
  });

  it('judges validity against the injected clock', () => {
    const later = new SignatureVerifier({
      trustAnchorsPem: [pki.ca.certificatePem],
      now: () => new Date(Date.now() + 2 * 365 * 24 * 60 * 60 * 1000),
    });

    const error = trustErrorOf(() => later.verify(content, signWith(pki.platforms['NP-ML'])));

    expect(error.code).toBe(TrustErrorCode.CERTIFICATE_EXPIRED);
  });

  it('trusts the foreign CA only when it is an anchor', () => {
    const both = new SignatureVerifier({
      trustAnchorsPem: [pki.ca.certificatePem, pki.foreignCa.certificatePem],
    });

    expect(both.verify(content, signWith(pki.wrongIssuer)).signerId).toBe('NP-ML');
  });

  it('turns any corruption of a valid signature into a coded TrustError', () => {
    const signature = signWith(pki.platforms['NP-MR']);
    const codes = new Set(Object.values(TrustErrorCode));

    fc.assert(
      fc.property(
        fc.nat({ max: signature.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.option(fc.nat({ max: signature.length }), { nil: undefined }),
        (position, flip, cut) => {
          const corrupted = Buffer.from(signature.subarray(0, cut ?? signature.length));
          if (position < corrupted.length) corrupted[position] ^= flip;
          try {
            sut.verify(content, corrupted);
            // Flips in fields that no check covers (e.g. an unread version number) may still verify.
            return true;
          } catch (error) {
            return error instanceof TrustError && codes.has(error.code);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('turns random bytes into SIGNATURE_MALFORMED', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), (bytes) => {
        return (
          trustErrorOf(() => sut.verify(content, Buffer.from(bytes))).code ===
          TrustErrorCode.SIGNATURE_MALFORMED
        );
      }),
      { numRuns: 300 },
    );
  });
});

import { createTestPki, TestPki, trustErrorOf } from '@pcms/trust/testing';
import { CmsSigner } from './cms.signer';
import { parseSignedData } from './cms.parser';
import { SignatureVerifier } from './signature.verifier';
import { TrustErrorCode } from './trust.error';

describe(CmsSigner.name, () => {
  let pki: TestPki;

  beforeAll(() => {
    pki = createTestPki();
  });

  it('writes a detached SignedData with the signer certificate and the signed attributes', () => {
    const signingTime = new Date('2026-03-01T10:20:30Z');
    const sut = new CmsSigner(pki.platforms['NP-NE'], () => signingTime);

    const parsed = parseSignedData(sut.sign(Buffer.from('content')));

    expect(parsed.certificates).toHaveLength(1);
    expect(parsed.signer.digest).toBe('sha256');
    expect(parsed.signer.signedAttributes?.signingTime).toEqual(signingTime);
    expect(parsed.signer.signedAttributes?.messageDigest.toString('hex')).toBe(
      'ed7002b439e9ac845f22357d822bac1444730fbdb6016d3ec9432297b9ec9f73',
    );
  });

  it('signs the empty content and large content alike', () => {
    const sut = new CmsSigner(pki.platforms['NP-TD']);
    const verifier = new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] });

    for (const content of [Buffer.alloc(0), Buffer.alloc(1024 * 1024, 7)]) {
      expect(verifier.verify(content, sut.sign(content)).signerId).toBe('NP-TD');
    }
  });

  it('refuses a private key that does not match the certificate', () => {
    const credential = { ...pki.platforms['NP-BF'], privateKeyPem: pki.platforms['NP-TD'].privateKeyPem };

    expect(trustErrorOf(() => new CmsSigner(credential)).code).toBe(TrustErrorCode.CREDENTIAL_INVALID);
  });

  it('refuses a credential without a private key, without echoing key material', () => {
    const credential = { ...pki.platforms['NP-BF'], privateKeyPem: 'not-a-key' };

    const act = () => new CmsSigner(credential);

    expect(trustErrorOf(act).code).toBe(TrustErrorCode.CREDENTIAL_INVALID);
    expect(act).not.toThrow(/not-a-key/);
  });
});

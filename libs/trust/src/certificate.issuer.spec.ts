import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { createTestPki, TestPki, trustErrorOf } from '@pcms/trust/testing';
import { identityOf } from './certificate.inspector';
import { createCertificateAuthority, issueCertificate } from './certificate.issuer';
import { generateRsaKeyPair } from './key-pair.generator';
import { TrustError, TrustErrorCode } from './trust.error';

function extension<T>(pem: string, name: string): T {
  return forge.pki.certificateFromPem(pem).getExtension(name) as T;
}

describe(issueCertificate.name, () => {
  let pki: TestPki;

  beforeAll(() => {
    pki = createTestPki();
  });

  it('binds a platform id in the subject, the SAN and no server usage', () => {
    const sut = new X509Certificate(pki.platforms['NP-BF'].certificatePem);

    expect(sut.subject.split('\n')).toEqual(['O=PCMS', 'OU=platform', 'CN=NP-BF']);
    expect(sut.subjectAltName).toBe('URI:urn:pcms:party:NP-BF');
    // Node's keyUsage lists extended key usages: clientAuth, emailProtection.
    expect(sut.keyUsage.sort()).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.4']);
    expect(sut.ca).toBe(false);
    expect(sut.checkIssued(new X509Certificate(pki.ca.certificatePem))).toBe(true);
  });

  it('gives the gateway and the peer server usage and local names to serve HTTPS', () => {
    for (const credential of [pki.gateway, pki.peer]) {
      const sut = new X509Certificate(credential.certificatePem);

      expect(sut.keyUsage.sort()).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.4']);
      expect(sut.checkHost('localhost')).toBe('localhost');
      expect(sut.checkIP('127.0.0.1')).toBe('127.0.0.1');
    }
  });

  it('writes digitalSignature, nonRepudiation and keyEncipherment, and the authority key identifier of its issuer', () => {
    const pem = pki.platforms['RP'].certificatePem;

    expect(extension(pem, 'keyUsage')).toMatchObject({
      critical: true,
      digitalSignature: true,
      nonRepudiation: true,
      keyEncipherment: true,
    });
    const authority = extension<{ value: string }>(pem, 'authorityKeyIdentifier');
    const caKeyId = extension<{ subjectKeyIdentifier: string }>(
      pki.ca.certificatePem,
      'subjectKeyIdentifier',
    );
    expect(forge.util.bytesToHex(authority.value)).toContain(caKeyId.subjectKeyIdentifier);
  });

  it('draws positive 16-byte serial numbers, different every time', () => {
    const serials = [pki.platforms['NP-BF'], pki.platforms['NP-TD'], pki.gateway].map((c) => c.serialNumber);

    for (const serial of serials) expect(serial).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(new Set(serials).size).toBe(serials.length);
    expect(new X509Certificate(pki.gateway.certificatePem).serialNumber.toLowerCase()).toBe(
      pki.gateway.serialNumber,
    );
  });

  it('certifies a given public key and then holds no private key', () => {
    const keys = generateRsaKeyPair();

    const sut = issueCertificate({
      issuer: pki.ca,
      subjectId: 'NP-NE',
      role: 'platform',
      publicKeyPem: keys.publicKeyPem,
    });

    expect(sut.privateKeyPem).toBe('');
    const certified = new X509Certificate(sut.certificatePem).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(certified).toBe(keys.publicKeyPem);
  });

  it('honours explicit validity dates', () => {
    const notBefore = new Date('2030-01-01T00:00:00Z');
    const notAfter = new Date('2031-06-30T12:00:00Z');

    const sut = issueCertificate({ issuer: pki.ca, subjectId: 'RP', role: 'platform', notBefore, notAfter });

    const cert = forge.pki.certificateFromPem(sut.certificatePem);
    expect(cert.validity.notBefore).toEqual(notBefore);
    expect(cert.validity.notAfter).toEqual(notAfter);
  });

  it('refuses an issuer without a private key', () => {
    const issuer = { ...pki.ca, privateKeyPem: '' };

    const act = () => issueCertificate({ issuer, subjectId: 'RP', role: 'platform' });

    expect(trustErrorOf(act).code).toBe(TrustErrorCode.CREDENTIAL_INVALID);
  });
});

describe(createCertificateAuthority.name, () => {
  it('creates a self-signed CA for certificate and CRL signing', () => {
    const ca = createTestPki().ca;
    const sut = new X509Certificate(ca.certificatePem);

    expect(sut.ca).toBe(true);
    expect(sut.verify(sut.publicKey)).toBe(true);
    expect(extension(ca.certificatePem, 'keyUsage')).toMatchObject({ keyCertSign: true, cRLSign: true });
    expect(extension(ca.certificatePem, 'keyUsage')).not.toMatchObject({ digitalSignature: true });
    expect(extension(ca.certificatePem, 'subjectKeyIdentifier')).toBeDefined();
  });
});

describe(identityOf.name, () => {
  it('reads the party id and role', () => {
    expect(identityOf(createTestPki().peer.certificatePem)).toEqual({ id: 'I247-PEER', role: 'peer' });
  });

  it.each([
    ['a CA certificate (no role)', () => createTestPki().ca.certificatePem],
    ['garbage', () => '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'],
    ['no PEM at all', () => 'hello'],
  ])('refuses %s as CERTIFICATE_MALFORMED', (_case, pemOf) => {
    const act = () => identityOf(pemOf());

    expect(act).toThrow(TrustError);
    expect(trustErrorOf(act).code).toBe(TrustErrorCode.CERTIFICATE_MALFORMED);
  });
});

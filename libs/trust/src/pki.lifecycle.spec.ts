import { createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestCertificateRequest,
  createTestPki,
  trustErrorOf,
  withBrokenSignature,
} from '@pcms/trust/testing';
import { identityOf } from './certificate.inspector';
import { inspectPkiFile } from './pki-file.inspector';
import { normalizeSerialHex } from './der.codec';
import {
  importCertificateAuthority,
  issuePartyCertificate,
  listCertificates,
  renewPartyCertificate,
  revokeCertificate,
} from './pki.lifecycle';
import { initDevelopmentPki, PkiStore } from './pki.store';
import { TrustErrorCode } from './trust.error';

const publicKeyOf = (certificatePem: string): string =>
  new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('PKI lifecycle', () => {
  const dirs: string[] = [];
  const newDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'pcms-pki-lifecycle-'));
    dirs.push(dir);
    return join(dir, 'pki');
  };
  let sut: PkiStore;

  beforeAll(() => {
    sut = initDevelopmentPki(newDir(), { parties: ['NP-ML', 'GATEWAY'] });
  });

  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  describe('index', () => {
    it('records every certificate initDevelopmentPki issued, valid, in a 0600 file', () => {
      const records = Object.entries(sut.certificates());

      expect(records.map(([, record]) => record.id).sort()).toEqual(['GATEWAY', 'NP-ML']);
      const [serial, record] = records.find(([, r]) => r.id === 'NP-ML') ?? [];
      expect(serial).toBe(normalizeSerialHex(sut.credential('NP-ML').serialNumber));
      expect(record).toMatchObject({ role: 'platform', status: 'valid' });
      expect(statSync(join(sut.directory, 'index.json')).mode & 0o777).toBe(0o600);
    });

    it('is rebuilt from the certificates of a PKI made before it existed', () => {
      const dir = newDir();
      const old = PkiStore.create(dir, createTestPki().ca);
      old.write('NP-BF', createTestPki().platforms['NP-BF']);
      rmSync(join(dir, 'index.json'));

      const records = Object.values(PkiStore.open(dir).certificates());

      expect(records).toEqual([expect.objectContaining({ id: 'NP-BF', status: 'valid' })]);
    });
  });

  describe(issuePartyCertificate.name, () => {
    it('issues an operator certificate for clientAuth, signing and no key encipherment', () => {
      const credential = issuePartyCertificate(sut, { id: 'OPS-1', role: 'operator', validityDays: 10 });

      const x509 = new X509Certificate(credential.certificatePem);
      expect(identityOf(credential.certificatePem)).toEqual({ id: 'OPS-1', role: 'operator' });
      expect(x509.keyUsage.sort()).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.4']);
      expect(inspectPkiFile(credential.certificatePem)).toMatchObject({
        keyUsage: ['digitalSignature', 'nonRepudiation'],
      });
      expect(listCertificates(sut).find((l) => l.id === 'OPS-1')?.daysToExpiry).toBe(9);
      expect(statSync(join(sut.directory, 'OPS-1.key')).mode & 0o777).toBe(0o600);
    });

    it('certifies the key of a request and keeps no private key', () => {
      const request = createTestCertificateRequest({ commonName: 'NP-TD', organizationalUnit: 'platform' });

      const credential = issuePartyCertificate(sut, {
        id: 'NP-TD',
        role: 'platform',
        requestPem: request.requestPem,
      });

      expect(identityOf(credential.certificatePem)).toEqual({ id: 'NP-TD', role: 'platform' });
      expect(publicKeyOf(credential.certificatePem)).toBe(
        createPublicKey(request.privateKeyPem).export({ type: 'spki', format: 'pem' }),
      );
      expect(sut.credential('NP-TD').privateKeyPem).toBe('');
    });

    it.each([
      [
        'a broken self-signature',
        () => withBrokenSignature(createTestCertificateRequest({ commonName: 'NP-NE' }).requestPem),
      ],
      ['another CN', () => createTestCertificateRequest({ commonName: 'NP-BF' }).requestPem],
      [
        'another OU',
        () => createTestCertificateRequest({ commonName: 'NP-NE', organizationalUnit: 'gateway' }).requestPem,
      ],
      ['no request at all', () => 'hello'],
    ])('refuses a request with %s', (_case, requestPem) => {
      const error = trustErrorOf(() =>
        issuePartyCertificate(sut, { id: 'NP-NE', role: 'platform', requestPem: requestPem() }),
      );

      expect(error.code).toBe(TrustErrorCode.REQUEST_INVALID);
      expect(sut.has('NP-NE')).toBe(false);
    });

    it('refuses to issue again for a party whose certificate is live', () => {
      expect(trustErrorOf(() => issuePartyCertificate(sut, { id: 'NP-ML', role: 'platform' })).code).toBe(
        TrustErrorCode.PKI_STATE_CONFLICT,
      );
    });
  });

  describe(renewPartyCertificate.name, () => {
    it('gives a new serial for the same key and leaves the old certificate valid', () => {
      const before = sut.credential('GATEWAY');

      const renewed = renewPartyCertificate(sut, 'GATEWAY', { validityDays: 90 });

      expect(renewed.serialNumber).not.toBe(before.serialNumber);
      expect(publicKeyOf(renewed.certificatePem)).toBe(publicKeyOf(before.certificatePem));
      expect(sut.credential('GATEWAY').privateKeyPem).toBe(before.privateKeyPem);
      expect(sut.credential('GATEWAY').certificatePem).toBe(renewed.certificatePem);
      const listed = listCertificates(sut).filter((listing) => listing.id === 'GATEWAY');
      expect(listed.map((l) => [l.status, l.current])).toEqual(
        expect.arrayContaining([
          ['valid', false],
          ['valid', true],
        ]),
      );
    });

    it('makes a new key on request', () => {
      const before = sut.credential('OPS-1');

      const renewed = renewPartyCertificate(sut, 'OPS-1', { newKey: true });

      expect(publicKeyOf(renewed.certificatePem)).not.toBe(publicKeyOf(before.certificatePem));
      expect(sut.credential('OPS-1').privateKeyPem).toBe(renewed.privateKeyPem);
    });

    it('refuses a party without a certificate', () => {
      expect(trustErrorOf(() => renewPartyCertificate(sut, 'NP-MR')).code).toBe(
        TrustErrorCode.PKI_STATE_CONFLICT,
      );
    });
  });

  describe(revokeCertificate.name, () => {
    it('marks the serial revoked with its reason and date, once', () => {
      const serial = sut.credential('NP-ML').serialNumber;
      const at = new Date('2026-03-01T10:00:00Z');

      const record = revokeCertificate(sut, serial.toUpperCase(), 'keyCompromise', at);

      expect(record).toMatchObject({
        id: 'NP-ML',
        status: 'revoked',
        reason: 'keyCompromise',
        revokedAt: at.toISOString(),
      });
      expect(sut.certificates()[normalizeSerialHex(serial)].status).toBe('revoked');
      expect(trustErrorOf(() => revokeCertificate(sut, serial, 'superseded')).code).toBe(
        TrustErrorCode.PKI_STATE_CONFLICT,
      );
    });

    it('lets a party whose certificate is revoked be issued a new one', () => {
      const credential = issuePartyCertificate(sut, { id: 'NP-ML', role: 'platform' });

      expect(sut.credential('NP-ML').serialNumber).toBe(credential.serialNumber);
    });

    it('refuses an unknown serial', () => {
      expect(trustErrorOf(() => revokeCertificate(sut, '0badcafe', 'unspecified')).code).toBe(
        TrustErrorCode.PKI_STATE_CONFLICT,
      );
    });
  });

  describe(importCertificateAuthority.name, () => {
    it('starts a PKI around an existing CA and its key', () => {
      const { ca } = createTestPki();

      const store = importCertificateAuthority(newDir(), {
        certificatePem: ca.certificatePem,
        privateKeyPem: ca.privateKeyPem,
      });

      expect(store.caCertificatePem()).toBe(ca.certificatePem);
      expect(statSync(join(store.directory, 'ca.key')).mode & 0o777).toBe(0o600);
      expect(store.crlPem()).toContain('BEGIN X509 CRL');
    });

    it.each([
      [
        'a key that is not its own',
        () => ({
          certificatePem: createTestPki().ca.certificatePem,
          privateKeyPem: createTestPki().foreignCa.privateKeyPem,
        }),
      ],
      ['a certificate that is not a CA', () => createTestPki().gateway],
      [
        'a key that is not a key',
        () => ({ certificatePem: createTestPki().ca.certificatePem, privateKeyPem: 'nope' }),
      ],
    ])('refuses %s, without the key in the message', (_case, credential) => {
      const { certificatePem, privateKeyPem } = credential();

      const error = trustErrorOf(() =>
        importCertificateAuthority(newDir(), { certificatePem, privateKeyPem }),
      );

      expect(error.code).toBe(TrustErrorCode.CREDENTIAL_INVALID);
      expect(error.message).not.toContain('PRIVATE KEY');
    });

    it('refuses a folder that already holds a CA', () => {
      const { ca } = createTestPki();

      expect(trustErrorOf(() => importCertificateAuthority(sut.directory, ca)).code).toBe(
        TrustErrorCode.PKI_STATE_CONFLICT,
      );
    });
  });
});

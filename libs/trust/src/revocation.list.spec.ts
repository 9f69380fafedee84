import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki, trustErrorOf, writeTestPki } from '@pcms/trust/testing';
import { buildCrlPem } from './crl.codec';
import { CmsSigner } from './cms.signer';
import { inspectPkiFile } from './pki-file.inspector';
import { revokeCertificate } from './pki.lifecycle';
import { PkiStore } from './pki.store';
import { RevocationList } from './revocation.list';
import { publishRevocationList } from './revocation.publisher';
import { SignatureVerifier } from './signature.verifier';
import { TrustErrorCode } from './trust.error';

describe(RevocationList.name, () => {
  let store: PkiStore;
  let dir: string;
  const now = new Date('2026-04-01T12:00:00Z');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcms-crl-'));
    store = writeTestPki(join(dir, 'pki')).store;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what publishRevocationList wrote: dates, number, revoked serials', () => {
    const revoked = store.credential('NP-BF').serialNumber;
    revokeCertificate(store, revoked, 'keyCompromise', new Date('2026-03-31T08:00:00Z'));

    const published = publishRevocationList(store, { now, validityDays: 7 });
    const sut = RevocationList.fromPem(published.crlPem, store.caCertificatePem());

    expect(sut.isRevoked(revoked)).toBe(true);
    expect(sut.isRevoked(revoked.toUpperCase())).toBe(true);
    expect(sut.isRevoked(store.credential('NP-TD').serialNumber)).toBe(false);
    expect(sut.revokedSerials).toEqual([revoked]);
    expect(sut.entries[0]).toMatchObject({
      reason: 'keyCompromise',
      revocationDate: new Date('2026-03-31T08:00:00Z'),
    });
    expect(sut.thisUpdate).toEqual(now);
    expect(sut.nextUpdate).toEqual(new Date('2026-04-08T12:00:00Z'));
    expect(sut.isStaleAt(new Date('2026-04-09T00:00:00Z'))).toBe(true);
    expect(sut.crlNumber).toBe(String(published.crlNumber));
    expect(store.crlPem()).toBe(published.crlPem);
  });

  it('numbers each published list above the last one', () => {
    const first = publishRevocationList(store, { now });
    const second = publishRevocationList(store, { now });

    expect(second.crlNumber).toBe(first.crlNumber + 1);
  });

  it('lists no entries at all when nothing is revoked (RFC 5280 §5.1.2.6)', () => {
    const { ca } = createTestPki();
    const crlPem = buildCrlPem({ issuer: ca, entries: [], crlNumber: 1, thisUpdate: now, nextUpdate: now });

    const sut = RevocationList.fromPem(crlPem, ca.certificatePem);

    expect(sut.revokedSerials).toEqual([]);
    expect(inspectPkiFile(crlPem, { caCertificatePem: ca.certificatePem })).toMatchObject({
      kind: 'crl',
      crlNumber: '1',
      signatureVerified: true,
      revoked: [],
    });
  });

  it.each([
    [
      'signed by another CA',
      () =>
        buildCrlPem({
          issuer: createTestPki().foreignCa,
          entries: [],
          crlNumber: 1,
          thisUpdate: now,
          nextUpdate: now,
        }),
    ],
    ['with a byte changed', () => tamper(publishRevocationList(store, { now }).crlPem)],
    ['not a CRL', () => createTestPki().ca.certificatePem],
    ['truncated', () => store.crlPem()?.slice(0, 200) ?? ''],
  ])('refuses a list %s with CRL_INVALID', (_case, crlPem) => {
    expect(trustErrorOf(() => RevocationList.fromPem(crlPem(), store.caCertificatePem())).code).toBe(
      TrustErrorCode.CRL_INVALID,
    );
  });
});

describe(`${SignatureVerifier.name} with a revocation list`, () => {
  const pki = createTestPki();
  const content = Buffer.from('{"notice":"yellow"}');
  const signature = new CmsSigner(pki.platforms['NP-MR']).sign(content);
  const revokedSerial = pki.platforms['NP-MR'].serialNumber;
  const listOf = (serials: string[]) =>
    RevocationList.fromPem(
      buildCrlPem({
        issuer: pki.ca,
        entries: serials.map((serialHex) => ({
          serialHex,
          revocationDate: new Date(),
          reason: 'keyCompromise',
        })),
        crlNumber: 1,
        thisUpdate: new Date(),
        nextUpdate: new Date(Date.now() + 86_400_000),
      }),
      pki.ca.certificatePem,
    );

  it('refuses a revoked signer with CERTIFICATE_REVOKED and accepts it once the list no longer names it', () => {
    const sut = new SignatureVerifier({
      trustAnchorsPem: [pki.ca.certificatePem],
      revocation: listOf([revokedSerial]),
    });

    expect(trustErrorOf(() => sut.verify(content, signature)).code).toBe(TrustErrorCode.CERTIFICATE_REVOKED);

    sut.useRevocation(listOf([pki.platforms['NP-BF'].serialNumber]));

    expect(sut.verify(content, signature).signerId).toBe('NP-MR');
  });

  it('starts checking when a list is swapped in, and stops when it is swapped out', () => {
    const sut = new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] });
    expect(sut.verify(content, signature).signerId).toBe('NP-MR');

    sut.useRevocation(listOf([revokedSerial]));
    expect(trustErrorOf(() => sut.verify(content, signature)).code).toBe(TrustErrorCode.CERTIFICATE_REVOKED);

    sut.useRevocation(undefined);
    expect(sut.verify(content, signature).signerId).toBe('NP-MR');
  });

  it('refuses a revoked certificate presented without a signature (a TLS client certificate)', () => {
    const sut = new SignatureVerifier({
      trustAnchorsPem: [pki.ca.certificatePem],
      revocation: listOf([revokedSerial]),
    });

    expect(trustErrorOf(() => sut.assertNotRevoked(pki.platforms['NP-MR'].certificatePem)).code).toBe(
      TrustErrorCode.CERTIFICATE_REVOKED,
    );
    expect(() => sut.assertNotRevoked(pki.platforms['NP-BF'].certificatePem)).not.toThrow();
  });
});

/** thisUpdate one second later: still a well-formed list, no longer the one the CA signed. */
function tamper(pem: string): string {
  const der = Buffer.from(pem.replace(/-----[A-Z0-9 ]+-----|\s/g, ''), 'base64');
  const at = der.indexOf('260401120000Z', 0, 'latin1');
  if (at < 0) throw new Error('thisUpdate not found');
  der[at + 11] = '1'.charCodeAt(0);
  return `-----BEGIN X509 CRL-----\n${der.toString('base64')}\n-----END X509 CRL-----\n`;
}

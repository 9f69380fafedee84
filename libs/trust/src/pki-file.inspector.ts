import forge from 'node-forge';
import { extensionOf, inspectCertificatePem } from './certificate.inspector';
import { readCertificateRequest } from './certificate-request.reader';
import { firstPemBlock } from './pem.codec';
import { RevocationReason } from './revocation-reason';
import { parseCrlPem, RevocationList } from './revocation.list';
import { TrustError, TrustErrorCode } from './trust.error';

export interface CertificateSummary {
  kind: 'certificate';
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  isCa: boolean;
  /** PCMS identity (`CN=<id>, OU=<role>, O=PCMS`), when the certificate names one. */
  party?: { id: string; role: string };
  keyUsage: string[];
  extendedKeyUsage: string[];
  subjectAltName?: string;
  fingerprintSha256: string;
}

export interface RequestSummary {
  kind: 'request';
  subject: string;
  keyType: string;
  keyBits?: number;
  signatureValid: boolean;
}

export interface CrlSummary {
  kind: 'crl';
  thisUpdate: string;
  nextUpdate?: string;
  crlNumber?: string;
  /** Whether the list was verified against the CA given, when one was. */
  signatureVerified?: boolean;
  revoked: { serialHex: string; revocationDate: string; reason?: RevocationReason }[];
}

export type PkiFileSummary = CertificateSummary | RequestSummary | CrlSummary;

/**
 * A readable summary of a PEM certificate, PKCS#10 request or CRL, for `pki inspect`. Never
 * reads key material: a private key file is refused, not echoed.
 */
export function inspectPkiFile(pem: string, options: { caCertificatePem?: string } = {}): PkiFileSummary {
  const label = firstPemBlock(pem)?.label ?? '';
  switch (label) {
    case 'CERTIFICATE':
      return summarizeCertificate(pem);
    case 'CERTIFICATE REQUEST':
    case 'NEW CERTIFICATE REQUEST': {
      const { subject, keyType, keyBits, signatureValid } = readCertificateRequest(pem);
      return { kind: 'request', subject, keyType, keyBits, signatureValid };
    }
    case 'X509 CRL':
      return summarizeCrl(pem, options.caCertificatePem);
    default:
      throw new TrustError(
        TrustErrorCode.CERTIFICATE_MALFORMED,
        'Not a PEM certificate, certificate request or revocation list',
      );
  }
}

function summarizeCertificate(pem: string): CertificateSummary {
  const facts = inspectCertificatePem(pem);
  const usage = facts.x509.toLegacyObject();
  return {
    kind: 'certificate',
    subject: facts.x509.subject.split('\n').reverse().join(', '),
    issuer: facts.x509.issuer.split('\n').reverse().join(', '),
    serialHex: facts.serialHex,
    notBefore: facts.notBefore.toISOString(),
    notAfter: facts.notAfter.toISOString(),
    isCa: facts.isCa,
    party: facts.identity,
    keyUsage: keyUsageNames(facts.pem),
    extendedKeyUsage: (facts.x509.keyUsage ?? []).map((oid) => EXTENDED_KEY_USAGE_NAMES[oid] ?? oid),
    subjectAltName: usage.subjectaltname,
    fingerprintSha256: facts.fingerprintSha256,
  };
}

function summarizeCrl(pem: string, caCertificatePem: string | undefined): CrlSummary {
  const parsed = parseCrlPem(pem);
  return {
    kind: 'crl',
    thisUpdate: parsed.thisUpdate.toISOString(),
    nextUpdate: parsed.nextUpdate?.toISOString(),
    crlNumber: parsed.crlNumber,
    signatureVerified: caCertificatePem === undefined ? undefined : verifiesAgainst(pem, caCertificatePem),
    revoked: parsed.entries.map((entry) => ({
      serialHex: entry.serialHex,
      revocationDate: entry.revocationDate.toISOString(),
      reason: entry.reason,
    })),
  };
}

function verifiesAgainst(crlPem: string, caCertificatePem: string): boolean {
  try {
    RevocationList.fromPem(crlPem, caCertificatePem);
    return true;
  } catch (error) {
    if (error instanceof TrustError && error.code === TrustErrorCode.CRL_INVALID) return false;
    throw error;
  }
}

const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
] as const;

const EXTENDED_KEY_USAGE_NAMES: Readonly<Record<string, string>> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
};

function keyUsageNames(pem: string): string[] {
  const extension = extensionOf<Record<string, unknown>>(forge.pki.certificateFromPem(pem), 'keyUsage');
  return extension ? KEY_USAGE_BITS.filter((bit) => extension[bit] === true) : [];
}

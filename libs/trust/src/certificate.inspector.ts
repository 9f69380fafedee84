import { createHash, KeyObject, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { isPartyRole, PartyIdentity, PCMS_ORGANIZATION } from './credential.model';
import { childrenOf, DerTag, expectTag, readSingleDer, serialHexOfInteger } from './der.codec';
import { TrustError, TrustErrorCode } from './trust.error';

/** What verification needs to know about one certificate; computed once per certificate. */
export interface CertificateFacts {
  readonly der: Buffer;
  /** Lower-case hex SHA-256 of the DER. */
  readonly fingerprintSha256: string;
  readonly pem: string;
  readonly x509: X509Certificate;
  readonly publicKey: KeyObject;
  /** Raw DER of the issuer Name and the serial INTEGER's content: CMS IssuerAndSerialNumber matches on them. */
  readonly issuerDer: Buffer;
  readonly serial: Buffer;
  /** The serial as revocation lists are looked up by (`normalizeSerialHex`). */
  readonly serialHex: string;
  /** Raw DER of the subject Name: a CRL's issuer must equal its CA's subject (RFC 5280 §5.1.2.3). */
  readonly subjectDer: Buffer;
  readonly subjectKeyIdentifier?: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Undefined when the certificate has no keyUsage extension. */
  readonly keyUsage?: {
    digitalSignature: boolean;
    nonRepudiation: boolean;
    keyCertSign: boolean;
    cRLSign: boolean;
  };
  readonly isCa: boolean;
  readonly identity?: PartyIdentity;
}

interface ForgeKeyUsage {
  digitalSignature?: boolean;
  nonRepudiation?: boolean;
  keyCertSign?: boolean;
  cRLSign?: boolean;
}

/** Throws whatever the parsers throw: callers turn it into the TrustError that fits their context. */
export function inspectCertificateDer(der: Buffer): CertificateFacts {
  const x509 = new X509Certificate(der);
  const certificate = expectTag(readSingleDer(der), DerTag.SEQUENCE, 'Certificate');
  const tbs = childrenOf(expectTag(childrenOf(certificate)[0], DerTag.SEQUENCE, 'TBSCertificate'));
  // RFC 5280 §4.1: version [0] is optional, and shifts every later field by one.
  const fields = tbs[0]?.tag === DerTag.CONTEXT_0 ? tbs.slice(1) : tbs;
  const serial = expectTag(fields[0], DerTag.INTEGER, 'serialNumber').content;
  const issuerDer = expectTag(fields[2], DerTag.SEQUENCE, 'issuer').bytes;
  const subjectDer = expectTag(fields[4], DerTag.SEQUENCE, 'subject').bytes;

  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
  const keyUsage = extensionOf<ForgeKeyUsage>(cert, 'keyUsage');
  const basicConstraints = extensionOf<{ cA?: boolean }>(cert, 'basicConstraints');
  const ski = extensionOf<{ subjectKeyIdentifier?: string }>(cert, 'subjectKeyIdentifier');
  return {
    der,
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
    pem: derToPem(der),
    x509,
    publicKey: x509.publicKey,
    issuerDer,
    serial,
    serialHex: serialHexOfInteger(serial),
    subjectDer,
    subjectKeyIdentifier: ski?.subjectKeyIdentifier
      ? Buffer.from(ski.subjectKeyIdentifier, 'hex')
      : undefined,
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    keyUsage: keyUsage && {
      digitalSignature: keyUsage.digitalSignature === true,
      nonRepudiation: keyUsage.nonRepudiation === true,
      keyCertSign: keyUsage.keyCertSign === true,
      cRLSign: keyUsage.cRLSign === true,
    },
    isCa: basicConstraints?.cA === true,
    identity: identityOfSubject(cert.subject),
  };
}

export function inspectCertificatePem(pem: string): CertificateFacts {
  try {
    return inspectCertificateDer(pemToDer(pem));
  } catch (cause) {
    throw new TrustError(TrustErrorCode.CERTIFICATE_MALFORMED, 'The certificate cannot be read', { cause });
  }
}

/** The PCMS party a certificate is bound to (`CN=<id>, OU=<role>, O=PCMS`). */
export function identityOf(certificatePem: string): PartyIdentity {
  const { identity } = inspectCertificatePem(certificatePem);
  if (!identity) {
    throw new TrustError(
      TrustErrorCode.CERTIFICATE_MALFORMED,
      'The certificate names no PCMS party (CN, OU, O=PCMS)',
    );
  }
  return identity;
}

export function pemToDer(pem: string): Buffer {
  const match = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(pem);
  if (!match) throw new Error('no PEM certificate block');
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}

export function derToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function identityOfSubject(subject: forge.pki.Certificate['subject']): PartyIdentity | undefined {
  const single = (shortName: string): string | undefined => {
    const values = subject.attributes.filter((attribute) => attribute.shortName === shortName);
    return values.length === 1 && typeof values[0].value === 'string' ? values[0].value : undefined;
  };
  const id = single('CN');
  const role = single('OU');
  if (!id || !isPartyRole(role) || single('O') !== PCMS_ORGANIZATION) return undefined;
  return { id, role };
}

/** node-forge returns extensions as loosely typed objects whose fields depend on the name. */
export function extensionOf<T>(cert: forge.pki.Certificate, name: string): T | undefined {
  const extension: unknown = cert.getExtension(name);
  return extension as T | undefined;
}

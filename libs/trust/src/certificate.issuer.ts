import { createPrivateKey, createPublicKey, randomBytes, sign } from 'node:crypto';
import forge from 'node-forge';
import { extensionOf } from './certificate.inspector';
import { Credential, PartyRole, PCMS_ORGANIZATION } from './credential.model';
import { generateRsaKeyPair } from './key-pair.generator';
import { TrustError, TrustErrorCode } from './trust.error';

export interface ValidityOptions {
  /** Counted from `notBefore`; ignored when `notAfter` is given. */
  validityDays?: number;
  notBefore?: Date;
  notAfter?: Date;
}

export interface CertificateAuthorityOptions extends ValidityOptions {
  commonName: string;
}

/** RFC 5280 §4.2.1.3 bits, as node-forge names them. */
export interface KeyUsageOptions {
  digitalSignature?: boolean;
  nonRepudiation?: boolean;
  keyEncipherment?: boolean;
  dataEncipherment?: boolean;
  keyAgreement?: boolean;
  keyCertSign?: boolean;
  cRLSign?: boolean;
}

export interface IssueCertificateOptions extends ValidityOptions {
  issuer: Credential;
  subjectId: string;
  role: PartyRole;
  /**
   * Replaces the default: digitalSignature + nonRepudiation (+ keyEncipherment, except for an
   * operator, who signs approvals and serves nothing).
   */
  keyUsage?: KeyUsageOptions;
  /** Certify this key instead of generating one; the credential then has no private key. */
  publicKeyPem?: string;
}

const CA_VALIDITY_DAYS = 3650;
const LEAF_VALIDITY_DAYS = 365;
/** Back-dating absorbs clock skew between the issuer and the first verifier. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const SERIAL_BYTES = 16;

// Present at runtime in node-forge, missing from its type declarations.
const pkiInternals = forge.pki as unknown as {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
};

export function createCertificateAuthority(options: CertificateAuthorityOptions): Credential {
  const keys = generateRsaKeyPair();
  const cert = newCertificate(keys.publicKeyPem, options, CA_VALIDITY_DAYS);
  const name = [
    { shortName: 'O', value: PCMS_ORGANIZATION },
    { shortName: 'CN', value: options.commonName },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: true },
  ]);
  signCertificate(cert, keys.privateKeyPem);
  return toCredential(cert, keys.privateKeyPem);
}

export function issueCertificate(options: IssueCertificateOptions): Credential {
  const issuerCert = readIssuer(options.issuer);
  const keys = options.publicKeyPem
    ? { publicKeyPem: options.publicKeyPem, privateKeyPem: '' }
    : generateRsaKeyPair();
  const cert = newCertificate(keys.publicKeyPem, options, LEAF_VALIDITY_DAYS);
  // Encoded most significant first, so its RFC 4514 string reads CN=<id>,OU=<role>,O=PCMS.
  cert.setSubject([
    { shortName: 'O', value: PCMS_ORGANIZATION },
    { shortName: 'OU', value: options.role },
    { shortName: 'CN', value: options.subjectId },
  ]);
  cert.setIssuer(issuerCert.subject.attributes);
  // An authority's system also serves the gateway's deliveries of judicial messages.
  const serves = options.role === 'gateway' || options.role === 'peer' || options.role === 'authority';
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    {
      name: 'keyUsage',
      critical: true,
      ...(options.keyUsage ?? defaultKeyUsageOf(options.role)),
    },
    // One certificate per party for both jobs (SECURITY.md, "One certificate per party"):
    // emailProtection is what OpenSSL's default CMS/S-MIME purpose check asks of a signer
    // (RFC 8550 §4.4.4), clientAuth and serverAuth are TLS (RFC 5280 §4.2.1.12).
    { name: 'extKeyUsage', clientAuth: true, serverAuth: serves, emailProtection: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 6, value: `urn:pcms:party:${options.subjectId}` },
        // Gateway, peer and authority also serve HTTPS; these names let them do it on this machine.
        ...(serves
          ? [
              { type: 2, value: 'localhost' },
              { type: 7, ip: '127.0.0.1' },
            ]
          : []),
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: subjectKeyIdentifierOf(issuerCert) },
  ]);
  signCertificate(cert, options.issuer.privateKeyPem);
  return toCredential(cert, keys.privateKeyPem);
}

/**
 * nonRepudiation (RFC 5280 §4.2.1.3 contentCommitment): a party's signature is kept in the
 * journal as proof of what it said. An operator only signs approvals; parties also encipher
 * keys (TLS with RSA key exchange).
 */
function defaultKeyUsageOf(role: PartyRole): KeyUsageOptions {
  const signs = { digitalSignature: true, nonRepudiation: true };
  return role === 'operator' ? signs : { ...signs, keyEncipherment: true };
}

function newCertificate(
  publicKeyPem: string,
  validity: ValidityOptions,
  defaultDays: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = readPublicKey(publicKeyPem);
  cert.serialNumber = randomSerialNumber();
  const notBefore = validity.notBefore ?? new Date(Date.now() - CLOCK_SKEW_MS);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter =
    validity.notAfter ?? new Date(notBefore.getTime() + (validity.validityDays ?? defaultDays) * DAY_MS);
  return cert;
}

/** RFC 5280 §4.1.2.2: positive, at most 20 octets; 16 random octets with the top bit clear. */
function randomSerialNumber(): string {
  const bytes = randomBytes(SERIAL_BYTES);
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return bytes.toString('hex');
}

/**
 * The TBSCertificate is built by forge and signed by Node's crypto: forge's own `cert.sign`
 * would run RSA in pure JavaScript.
 */
function signCertificate(cert: forge.pki.Certificate, issuerPrivateKeyPem: string): void {
  const key = readPrivateKey(issuerPrivateKeyPem);
  cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption;
  cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  cert.tbsCertificate = pkiInternals.getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, key).toString('binary');
}

function toCredential(cert: forge.pki.Certificate, privateKeyPem: string): Credential {
  // forge writes CRLF line ends; files and comparisons are simpler with LF.
  const certificatePem = forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
  return { certificatePem, privateKeyPem, serialNumber: cert.serialNumber };
}

function readIssuer(issuer: Credential): forge.pki.Certificate {
  if (!issuer.privateKeyPem) {
    throw new TrustError(TrustErrorCode.CREDENTIAL_INVALID, 'The issuer credential has no private key');
  }
  try {
    return forge.pki.certificateFromPem(issuer.certificatePem);
  } catch (cause) {
    throw new TrustError(TrustErrorCode.CERTIFICATE_MALFORMED, 'The issuer certificate cannot be read', {
      cause,
    });
  }
}

function subjectKeyIdentifierOf(cert: forge.pki.Certificate): string {
  const extension = extensionOf<{ subjectKeyIdentifier?: string }>(cert, 'subjectKeyIdentifier');
  return extension?.subjectKeyIdentifier
    ? forge.util.hexToBytes(extension.subjectKeyIdentifier)
    : cert.generateSubjectKeyIdentifier().getBytes();
}

function readPublicKey(pem: string): forge.pki.PublicKey {
  try {
    // Normalise through Node so PKCS#1 and SPKI PEM are both accepted; forge reads SPKI.
    const spki = createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
    return forge.pki.publicKeyFromPem(spki);
  } catch (cause) {
    throw new TrustError(TrustErrorCode.CREDENTIAL_INVALID, 'The public key cannot be read as an RSA key', {
      cause,
    });
  }
}

function readPrivateKey(pem: string): ReturnType<typeof createPrivateKey> {
  try {
    return createPrivateKey(pem);
  } catch (cause) {
    // The key itself never goes into the message.
    throw new TrustError(TrustErrorCode.CREDENTIAL_INVALID, 'The issuer private key cannot be read', {
      cause,
    });
  }
}

/** Object identifiers used by the CMS code (RFC 5652, RFC 5754, RFC 8017, RFC 4055). */
export const Oid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  /** RFC 4055 §3.1 (used in CMS by RFC 4056). */
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  sha1: '1.3.14.3.2.26',
} as const;

export type DigestName = 'sha256' | 'sha384' | 'sha512';

const DIGEST_BY_OID: Readonly<Record<string, DigestName>> = {
  [Oid.sha256]: 'sha256',
  [Oid.sha384]: 'sha384',
  [Oid.sha512]: 'sha512',
};

/** RFC 5754 §3.2: `rsaEncryption` or the `shaXWithRSAEncryption` matching the digest. */
const RSA_SIGNATURE_DIGEST_BY_OID: Readonly<Record<string, DigestName | 'any'>> = {
  [Oid.rsaEncryption]: 'any',
  [Oid.sha256WithRSAEncryption]: 'sha256',
  [Oid.sha384WithRSAEncryption]: 'sha384',
  [Oid.sha512WithRSAEncryption]: 'sha512',
};

export function digestNameOf(oid: string): DigestName | undefined {
  return DIGEST_BY_OID[oid];
}

export function isRsaSignatureAlgorithmFor(oid: string, digest: DigestName): boolean {
  const expected = RSA_SIGNATURE_DIGEST_BY_OID[oid];
  return expected === 'any' || expected === digest;
}

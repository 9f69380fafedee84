export enum TrustErrorCode {
  /** No signature came with the content. */
  SIGNATURE_MISSING = 'SIGNATURE_MISSING',
  /** The bytes are not a detached CMS SignedData we can read (RFC 5652). */
  SIGNATURE_MALFORMED = 'SIGNATURE_MALFORMED',
  /**
   * A well-formed signature made with algorithms the gateway does not verify (it verifies RSA with
   * PKCS #1 v1.5 or PSS, and SHA-256, SHA-384 or SHA-512); the message names them.
   */
  SIGNATURE_ALGORITHM_UNSUPPORTED = 'SIGNATURE_ALGORITHM_UNSUPPORTED',
  /** The digest or the RSA signature does not match the content. */
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
  /** The signer's certificate does not chain to a configured trust anchor. */
  CERTIFICATE_UNTRUSTED = 'CERTIFICATE_UNTRUSTED',
  CERTIFICATE_EXPIRED = 'CERTIFICATE_EXPIRED',
  CERTIFICATE_NOT_YET_VALID = 'CERTIFICATE_NOT_YET_VALID',
  /** The certificate may not be used for signatures (RFC 5280 §4.2.1.3). */
  CERTIFICATE_KEY_USAGE = 'CERTIFICATE_KEY_USAGE',
  /** The signer's certificate is on the revocation list in use (RFC 5280 §5). */
  CERTIFICATE_REVOKED = 'CERTIFICATE_REVOKED',
  /** A certificate given to us (not inside a signature) cannot be read or carries no PCMS identity. */
  CERTIFICATE_MALFORMED = 'CERTIFICATE_MALFORMED',
  /** The signer is trusted but is not the party the caller expected. */
  SIGNER_MISMATCH = 'SIGNER_MISMATCH',
  /** A credential (certificate + key) is missing, unreadable or inconsistent. */
  CREDENTIAL_INVALID = 'CREDENTIAL_INVALID',
  /** A revocation list cannot be read, is not signed by the CA, or names another issuer. */
  CRL_INVALID = 'CRL_INVALID',
  /** A PKCS#10 certificate request cannot be read, its self-signature fails, or it asks for another party. */
  REQUEST_INVALID = 'REQUEST_INVALID',
  /** A PKI operation does not fit the store's state: unknown serial, already revoked, party already certified. */
  PKI_STATE_CONFLICT = 'PKI_STATE_CONFLICT',
}

export class TrustError extends Error {
  override readonly name = 'TrustError';

  constructor(
    readonly code: TrustErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

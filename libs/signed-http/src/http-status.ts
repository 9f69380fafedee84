import { TrustErrorCode } from '@pcms/trust';

/**
 * The HTTP face of a failed signature check, shared by every HTTPS door. 4xx tells the sender not
 * to retry the same bytes; 5xx that the fault is ours and a retry may succeed once it is fixed.
 */
export function httpStatusOfTrustCode(code: TrustErrorCode): number {
  switch (code) {
    case TrustErrorCode.SIGNATURE_MISSING:
    case TrustErrorCode.SIGNATURE_MALFORMED:
    case TrustErrorCode.SIGNATURE_ALGORITHM_UNSUPPORTED:
    case TrustErrorCode.SIGNATURE_INVALID:
    case TrustErrorCode.CERTIFICATE_MALFORMED:
    case TrustErrorCode.REQUEST_INVALID:
      return 400;
    // A readable signature by someone we do not accept.
    case TrustErrorCode.CERTIFICATE_UNTRUSTED:
    case TrustErrorCode.CERTIFICATE_EXPIRED:
    case TrustErrorCode.CERTIFICATE_NOT_YET_VALID:
    case TrustErrorCode.CERTIFICATE_KEY_USAGE:
    case TrustErrorCode.CERTIFICATE_REVOKED:
    case TrustErrorCode.SIGNER_MISMATCH:
      return 403;
    // Our own PKI is broken: not the sender's fault.
    case TrustErrorCode.CREDENTIAL_INVALID:
    case TrustErrorCode.CRL_INVALID:
      return 500;
    // A PKI operation that does not fit the store's state (operators' tools, not the doors).
    case TrustErrorCode.PKI_STATE_CONFLICT:
      return 409;
  }
}

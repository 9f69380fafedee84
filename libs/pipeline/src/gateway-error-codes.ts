// Which codes a rejection may carry: ours, never a platform's. Node's TextDecoder throws a TypeError
// with code ERR_ENCODING_INVALID_ENCODED_DATA, a socket error carries ECONNRESET: those are causes
// kept for the log, not reasons a sender or an operator can look up in SECURITY.md.
import { EnvelopeErrorCode } from '@pcms/envelope';
import { MappingErrorCode } from '@pcms/mapping';
import { NoticeErrorCode } from '@pcms/notice';
import { SignedHttpErrorCode } from '@pcms/signed-http';
import { TranslationErrorCode } from '@pcms/translation';
import { TrustErrorCode } from '@pcms/trust';

const GATEWAY_ERROR_CODES: ReadonlySet<string> = new Set<string>(
  [
    EnvelopeErrorCode,
    MappingErrorCode,
    NoticeErrorCode,
    SignedHttpErrorCode,
    TranslationErrorCode,
    TrustErrorCode,
  ].flatMap((codes) => Object.values(codes) as string[]),
);

export type GatewayCodedError = Error & { code: string };

/** An error one of our libraries threw, with a code from its catalogue. */
export function isGatewayCodedError(error: unknown): error is GatewayCodedError {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && GATEWAY_ERROR_CODES.has(code);
}

import { ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { PeerError, PeerErrorCode } from '@pcms/peer';
import { httpStatusOfTrustCode, SignedHttpError, SignedHttpErrorCode } from '@pcms/signed-http';
import { TrustError } from '@pcms/trust';
import type { JsonResponse } from './http.types';

/**
 * The HTTP face of domain errors: each code gets its status and the body `{ code, reason }`.
 * 4xx tells the gateway not to retry (the same bytes will fail again); 5xx asks it to.
 */
@Catch(TrustError, PeerError, SignedHttpError)
export class PeerErrorFilter implements ExceptionFilter<TrustError | PeerError | SignedHttpError> {
  catch(error: TrustError | PeerError | SignedHttpError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    response.status(statusOf(error)).json({ code: error.code, reason: error.message });
  }
}

function statusOf(error: TrustError | PeerError | SignedHttpError): number {
  if (error instanceof TrustError) return httpStatusOfTrustCode(error.code);
  if (error instanceof PeerError) return peerStatus(error.code);
  return transportStatus(error.code);
}

function peerStatus(code: PeerErrorCode): number {
  switch (code) {
    case PeerErrorCode.PEER_MESSAGE_ID_INVALID:
    case PeerErrorCode.PEER_BODY_EMPTY:
      return HttpStatus.BAD_REQUEST;
    case PeerErrorCode.PEER_CLIENT_NOT_ALLOWED:
      return HttpStatus.FORBIDDEN;
  }
}

function transportStatus(code: SignedHttpErrorCode): number {
  switch (code) {
    case SignedHttpErrorCode.HTTP_CLIENT_IDENTITY:
      return HttpStatus.FORBIDDEN;
    case SignedHttpErrorCode.HTTP_CONNECTION_FAILED:
    case SignedHttpErrorCode.HTTP_TIMEOUT:
    case SignedHttpErrorCode.HTTP_SERVER_IDENTITY:
    case SignedHttpErrorCode.HTTP_REJECTED:
    case SignedHttpErrorCode.HTTP_RESPONSE_TOO_LARGE:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

import type { PlatformId } from '@pcms/envelope';
import { PipelineRejection, platformOf } from '@pcms/pipeline';
import { RETRY_AFTER_SECONDS } from '@pcms/runtime';
import { clientIdentity, httpStatusOfTrustCode, SignedHttpError } from '@pcms/signed-http';
import { TrustError, type SignatureVerifier } from '@pcms/trust';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The platforms' HTTPS door refuses with one of these codes, or with the pipeline's own. */
export enum PlatformDoorCode {
  /** The TLS client certificate is not a platform's (the gateway, the peer, an operator). */
  CLIENT_NOT_PLATFORM = 'CLIENT_NOT_PLATFORM',
  /** The envelope names another sender than the platform whose certificate opened the connection. */
  CLIENT_NOT_SENDER = 'CLIENT_NOT_SENDER',
  /** `max` of GET /messages is not an integer from 1 to the limit. */
  MAX_INVALID = 'MAX_INVALID',
  /** The broker did not confirm: nothing was taken, the platform may send the same bytes again. */
  BROKER_UNAVAILABLE = 'BROKER_UNAVAILABLE',
}

/** The submission header: base64 of the DER detached CMS SignedData over the exact body. */
export const SIGNATURE_HEADER = 'x-pcms-signature';

export type RawBodyRequest = IncomingMessage & { body?: unknown };

/** The part of Express's response the doors use. */
export interface JsonResponse extends ServerResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/**
 * The client certificate decides who speaks (docs/overview.md, Trust): it must be one of the six platforms, and
 * not revoked — TLS checked its chain, the verifier knows the revocation list.
 */
export function platformOfClient(req: RawBodyRequest, verifier: SignatureVerifier): PlatformId {
  let client;
  try {
    client = clientIdentity(req);
  } catch (error: unknown) {
    if (!(error instanceof SignedHttpError)) throw error;
    throw new PipelineRejection(error.code, 'identity', error.message, { cause: error });
  }
  try {
    verifier.assertNotRevoked(client.certificatePem);
  } catch (error: unknown) {
    if (!(error instanceof TrustError)) throw error;
    throw new PipelineRejection(error.code, 'identity', error.message, { cause: error });
  }
  return platformOf(client, PlatformDoorCode.CLIENT_NOT_PLATFORM);
}

export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** 4xx says: do not send the same bytes again; the body is `{ code, reason }`. */
export function statusOfRejection(rejection: PipelineRejection): number {
  if (rejection.cause instanceof TrustError) return httpStatusOfTrustCode(rejection.cause.code);
  if (rejection.stage === 'identity') return 403;
  if (rejection.stage === 'size') return 413;
  return 422;
}

export function sendRejection(res: JsonResponse, status: number, code: string, reason: string): void {
  // A 503 is no verdict on the request: the client is told when to send the same bytes again.
  if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(status).json({ code, reason });
}

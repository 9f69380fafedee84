// An authority's system speaking to the gateway: the message's JSON bytes, signed with the
// authority's key (detached CMS), posted to the judicial door over mutual TLS as the wire
// contract says (x-pcms-signature, x-pcms-message-id = the message's id, the request as the
// correlation). The door's answer comes back as it is, refusals included: they are the result.
import { postSignedDocument, SignedHttpError, SignedHttpErrorCode } from '@pcms/signed-http';
import { CmsSigner, type Credential } from '@pcms/trust';
import { requestIdOf } from '../delivery/judicial-dispatcher';
import type { JudicialMessage } from '../wire/judicial-message';

export interface SendAsAuthorityOptions {
  /** The gateway's judicial door: `https://<host>:<port>/judicial/messages`. */
  doorUrl: string;
  message: JudicialMessage;
  /** The sending authority's certificate (role authority, CN = message.from) and key. */
  credential: Credential;
  /** The CA the door's certificate must chain to. */
  caPem: string;
  /** The identity the door's certificate must name. */
  gatewayId?: string;
  timeoutMs?: number;
}

export interface DoorAnswer {
  /** 202 accepted, 200 duplicate, 4xx refused with `{ code, reason }`, 503 come back later. */
  status: number;
  /** The answer's JSON, or `{ text }` when it is not JSON. */
  body: Record<string, unknown>;
  messageId: string;
  /** The exact bytes that were signed and sent. */
  bytes: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Signs and posts one message. Resolves with the door's answer whatever its status; rejects
 * (SignedHttpError) only when there is no answer to give: no connection, a timeout, a door that is
 * not the gateway.
 */
export async function sendAsAuthority(options: SendAsAuthorityOptions): Promise<DoorAnswer> {
  const body = Buffer.from(JSON.stringify(options.message), 'utf8');
  const messageId = options.message.id;
  try {
    const answer = await postSignedDocument({
      url: options.doorUrl,
      body,
      contentType: 'application/json',
      signatureDer: new CmsSigner(options.credential).sign(body),
      messageId,
      correlationId: requestIdOf(options.message),
      tls: {
        certificatePem: options.credential.certificatePem,
        privateKeyPem: options.credential.privateKeyPem,
        caPem: options.caPem,
        expectedServerId: options.gatewayId ?? 'GATEWAY',
      },
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    return { status: answer.status, body: jsonOf(answer.body), messageId, bytes: body.length };
  } catch (error: unknown) {
    if (
      error instanceof SignedHttpError &&
      error.code === SignedHttpErrorCode.HTTP_REJECTED &&
      error.status !== undefined
    ) {
      return { status: error.status, body: jsonOf(error.responseBody ?? ''), messageId, bytes: body.length };
    }
    throw error;
  }
}

function jsonOf(text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Not JSON: a proxy's page, a truncated answer; kept as text for the operator.
  }
  return { text };
}

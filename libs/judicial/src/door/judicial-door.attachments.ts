// Issue 15 point 8, "an attachment whose digest does not match": a request names its attachments
// by uri and sha256; the door fetches each one and compares. Only from the sending authority's own
// system, the origin the directory gives for it (its `endpoint`, else the default endpoint that plays
// it), and with the identity that system must present: a request must not be able to make the
// gateway call any URL it likes (SSRF). That check needs no I/O and comes before the claim; the
// fetch comes after it, so that a copy being taken is not fetched twice.
import { SignedHttpError, SignedHttpErrorCode } from '@pcms/signed-http';
import { endpointOf, type DefaultEndpoint } from '../delivery/judicial-dispatcher';
import type { JudicialDirectory } from '../directory/judicial-directory';
import type { AttachmentDto } from '../request/attachment.dto';
import type { JudicialMessage } from '../wire/judicial-message';
import { JudicialDoorCode, refusal, type JudicialDoorRefusal } from './judicial-door.codes';

/** Where authorities' systems serve the files their requests name (the local judicial peer does). */
export const JUDICIAL_ATTACHMENTS_PATH = '/judicial/attachments';

/** The digest of a file fetched from `url` over mutual TLS, the server pinned to `serverId`. */
export type AttachmentFetch = (url: string, serverId: string) => Promise<{ sha256: string; bytes: number }>;

/** The sender's system cannot be reached now: the door answers 503, the sender sends again. */
export interface AttachmentUnreachable {
  readonly code: JudicialDoorCode.AttachmentUnreachable;
  readonly reason: string;
  readonly raison: string;
}

/** The system the sending authority's attachments may come from: its origin and its identity. */
export function attachmentSourceOf(
  directory: JudicialDirectory,
  systems: DefaultEndpoint,
  authorityId: string,
): { origin: string; serverId: string } {
  const { url, serverId } = endpointOf(directory, systems, authorityId);
  return { origin: new URL(url).origin, serverId };
}

function attachmentsOf(message: JudicialMessage): readonly AttachmentDto[] {
  return message.type === 'judicial.request' ? message.payload.attachments : [];
}

/** Every attachment on the sender's own system, over https; else a refusal naming the first that is not. */
export function checkAttachmentOrigins(
  message: JudicialMessage,
  directory: JudicialDirectory,
  systems: DefaultEndpoint,
): JudicialDoorRefusal | undefined {
  const attachments = attachmentsOf(message);
  if (attachments.length === 0) return undefined;
  const { origin } = attachmentSourceOf(directory, systems, message.from);
  for (const [index, attachment] of attachments.entries()) {
    if (originOf(attachment.uri) === origin) continue;
    return refusal(
      JudicialDoorCode.AttachmentOriginRefused,
      'attachments',
      'content',
      `payload.attachments[${index}] (${attachment.title}): ${attachment.uri} is not on ${message.from}'s system (${origin}); the gateway fetches attachments from the sender's system only`,
      `payload.attachments[${index}] (${attachment.title}) : ${attachment.uri} n’est pas sur le système de ${message.from} (${origin}) ; la passerelle ne va chercher les pièces jointes que sur le système de l’expéditeur`,
    );
  }
  return undefined;
}

function originOf(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fetches each attachment (one after the other: a request names a few, and the sender's system is
 * one server) and compares its digest. Resolves with nothing when all match, a refusal (the sender
 * must change something), or `unreachable` (the same bytes may be sent again later). Anything but a
 * SignedHttpError is a bug and is thrown on.
 */
export async function verifyAttachmentDigests(
  message: JudicialMessage,
  directory: JudicialDirectory,
  systems: DefaultEndpoint,
  fetch: AttachmentFetch,
): Promise<{ refusal: JudicialDoorRefusal } | { unreachable: AttachmentUnreachable } | undefined> {
  const attachments = attachmentsOf(message);
  if (attachments.length === 0) return undefined;
  const { serverId } = attachmentSourceOf(directory, systems, message.from);
  for (const [index, attachment] of attachments.entries()) {
    const where = `payload.attachments[${index}] (${attachment.title}, ${attachment.uri})`;
    let fetched: { sha256: string; bytes: number };
    try {
      fetched = await fetch(attachment.uri, serverId);
    } catch (error: unknown) {
      if (!(error instanceof SignedHttpError)) throw error;
      return failureOf(error, where);
    }
    if (fetched.sha256 !== attachment.sha256) {
      return {
        refusal: refusal(
          JudicialDoorCode.AttachmentDigestMismatch,
          'attachments',
          'content',
          `${where}: the request names sha256 ${attachment.sha256}, the file served (${fetched.bytes} bytes) has sha256 ${fetched.sha256}`,
          `${where} : la demande indique le sha256 ${attachment.sha256}, le fichier servi (${fetched.bytes} octets) a le sha256 ${fetched.sha256}`,
        ),
      };
    }
  }
  return undefined;
}

function failureOf(
  error: SignedHttpError,
  where: string,
): { refusal: JudicialDoorRefusal } | { unreachable: AttachmentUnreachable } {
  if (error.code === SignedHttpErrorCode.HTTP_RESPONSE_TOO_LARGE) {
    return {
      refusal: refusal(
        JudicialDoorCode.AttachmentTooLarge,
        'attachments',
        'content',
        `${where}: ${error.message}`,
        `${where} : fichier trop grand (${error.message})`,
      ),
    };
  }
  // Connection, timeout, 5xx, 408, 429: the sender's system may serve it in a moment.
  if (error.retryable) {
    return {
      unreachable: {
        code: JudicialDoorCode.AttachmentUnreachable,
        reason: `${where}: the sender's system cannot be reached now (${error.code}: ${error.message}); send the same message again later`,
        raison: `${where} : le système de l’expéditeur est injoignable pour l’instant (${error.code} : ${error.message}) ; renvoyez le même message plus tard`,
      },
    };
  }
  return {
    refusal: refusal(
      JudicialDoorCode.AttachmentNotServed,
      'attachments',
      'content',
      `${where}: the sender's system does not serve it (${error.code}: ${error.message})`,
      `${where} : le système de l’expéditeur ne la sert pas (${error.code} : ${error.message})`,
    ),
  };
}

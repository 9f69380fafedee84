// What the quarantine keeps of a refused body: where it came from, its size and a digest of its
// first bytes; of a body refused for its size, nothing else, never the bytes. Keeping a 20 MB body would hand whoever sent it the dead-letter
// queue's memory; keeping none of it would leave the operator nothing to match a copy against.
import type { HeaderValue } from '@pcms/messaging';
import { oversizeOf, type OversizeBody } from '@pcms/signed-http';

/** The door a message came through, as the dead letter and the journal name it. */
export type Door = 'amqp' | 'https';

export enum OversizeRecordHeader {
  DOOR = 'x-pcms-door',
  /** The party the transport authenticated: the TLS client, or the platform of the submit route. */
  CLIENT = 'x-pcms-client',
  BODY_BYTES = 'x-pcms-body-bytes',
  HEAD_SHA256 = 'x-pcms-body-head-sha256',
  HEAD_BYTES = 'x-pcms-body-head-bytes',
}

export interface OversizeRecord {
  /** Empty for a refusal by size: the record, not the body. */
  body: Buffer;
  headers: Record<string, HeaderValue | undefined>;
}

/** The record of a refusal by size; `body` is measured and digested here when the door read it. */
export function oversizeRecord(
  where: { door: Door; client: string | undefined },
  refused: Buffer | OversizeBody,
): OversizeRecord {
  const oversize = Buffer.isBuffer(refused) ? oversizeOf(refused) : refused;
  return { body: Buffer.alloc(0), headers: recordHeaders(where, oversize) };
}

/**
 * The record of any other refusal: the body itself (an operator reads or replays it), with the
 * same headers, so that every refusal says where it came from and can be matched by digest.
 */
export function refusalRecord(
  where: { door: Door; client: string | undefined },
  body: Buffer,
): OversizeRecord {
  return { body, headers: recordHeaders(where, oversizeOf(body)) };
}

function recordHeaders(
  where: { door: Door; client: string | undefined },
  measured: OversizeBody,
): Record<string, HeaderValue | undefined> {
  return {
    [OversizeRecordHeader.DOOR]: where.door,
    [OversizeRecordHeader.CLIENT]: where.client,
    [OversizeRecordHeader.BODY_BYTES]: measured.bytes,
    [OversizeRecordHeader.HEAD_SHA256]: measured.headSha256,
    [OversizeRecordHeader.HEAD_BYTES]: measured.headBytes,
  };
}

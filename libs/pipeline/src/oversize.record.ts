// What the quarantine keeps of a body refused for its size: where it came from and a digest of its
// first bytes, never the bytes. Keeping a 20 MB body would hand whoever sent it the dead-letter
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
  /** Always empty: the record, not the body. */
  body: Buffer;
  headers: Record<string, HeaderValue | undefined>;
}

/** The record of a refusal by size; `body` is measured and digested here when the door read it. */
export function oversizeRecord(
  where: { door: Door; client: string | undefined },
  refused: Buffer | OversizeBody,
): OversizeRecord {
  const oversize = Buffer.isBuffer(refused) ? oversizeOf(refused) : refused;
  return {
    body: Buffer.alloc(0),
    headers: {
      [OversizeRecordHeader.DOOR]: where.door,
      [OversizeRecordHeader.CLIENT]: where.client,
      [OversizeRecordHeader.BODY_BYTES]: oversize.bytes,
      [OversizeRecordHeader.HEAD_SHA256]: oversize.headSha256,
      [OversizeRecordHeader.HEAD_BYTES]: oversize.headBytes,
    },
  };
}

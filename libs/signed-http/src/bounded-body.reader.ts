// The doors' raw body reader. Signatures cover exact bytes, so each door takes the body as bytes,
// bounded by limits.maxMessageBytes. A larger body is not an HTTP-layer error (the framework's own
// 413 carried no code and left no record): it reaches the door with what the door needs to refuse
// and record it (SECURITY.md: size, door, client, digest of the first bytes, never the body).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How many leading bytes of an oversize body are digested for the record. */
export const OVERSIZE_HEAD_BYTES = 4096;

export interface OversizeBody {
  /** Content-Length when declared, else the bytes read before the limit was passed. */
  bytes: number;
  /** SHA-256 (hex) of the first `headBytes` bytes: enough to match a copy, nothing to read. */
  headSha256: string;
  headBytes: number;
}

export type BoundedBodyRequest = IncomingMessage & { body?: Buffer; oversize?: OversizeBody };

/** SHA-256 of the first OVERSIZE_HEAD_BYTES of `body`, for the record of a refusal by size. */
export function oversizeOf(body: Buffer, bytes = body.length): OversizeBody {
  const head = body.subarray(0, OVERSIZE_HEAD_BYTES);
  return { bytes, headSha256: createHash('sha256').update(head).digest('hex'), headBytes: head.length };
}

/**
 * Express middleware: `req.body` is the raw body (a Buffer, empty without one); past `limit`
 * bytes `req.body` is empty and `req.oversize` says why. Reading stops at the limit (or at the
 * first OVERSIZE_HEAD_BYTES when Content-Length already says too much); Node discards the rest
 * once the door has answered.
 */
export function boundedRawBody(limit: number) {
  return (req: BoundedBodyRequest, _res: ServerResponse, next: (error?: unknown) => void): void => {
    const declared = Number(req.headers['content-length']);
    const alreadyTooLarge = Number.isFinite(declared) && declared > limit;
    const keep = alreadyTooLarge ? OVERSIZE_HEAD_BYTES : limit;
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;

    const finish = (oversize: boolean): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData).off('end', onEnd).off('error', onError);
      const body = Buffer.concat(chunks);
      if (oversize) {
        req.pause();
        req.body = Buffer.alloc(0);
        req.oversize = oversizeOf(body, alreadyTooLarge ? declared : received);
      } else {
        req.body = body;
      }
      next();
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      chunks.push(chunk);
      if (received > keep || (alreadyTooLarge && received >= OVERSIZE_HEAD_BYTES)) finish(true);
    };
    const onEnd = (): void => finish(alreadyTooLarge || received > limit);
    const onError = (error: unknown): void => {
      if (settled) return;
      settled = true;
      next(error);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  };
}

import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { boundedRawBody, OVERSIZE_HEAD_BYTES, type BoundedBodyRequest } from './bounded-body.reader';

/** A request stream with the given headers; `chunks` are written after the reader listens. */
async function read(
  limit: number,
  chunks: Buffer[],
  headers: Record<string, string> = {},
): Promise<BoundedBodyRequest> {
  const req = Object.assign(new PassThrough(), { headers }) as unknown as BoundedBodyRequest;
  const done = new Promise<void>((resolve, reject) =>
    boundedRawBody(limit)(req, {} as ServerResponse, (error?: unknown) =>
      error ? reject(error instanceof Error ? error : new Error('the reader failed')) : resolve(),
    ),
  );
  const stream = req as unknown as PassThrough;
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await done;
  return req;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe(boundedRawBody.name, () => {
  it('gives the exact bytes of a body within the limit, up to the limit itself', async () => {
    const body = Buffer.from('{"a":1}');

    const sut = await read(body.length, [body.subarray(0, 3), body.subarray(3)]);

    expect(sut.body?.equals(body)).toBe(true);
    expect(sut.oversize).toBeUndefined();
  });

  it('gives an empty body for none', async () => {
    const sut = await read(10, []);

    expect(sut.body?.length).toBe(0);
  });

  it('stops at the first bytes when Content-Length already says too much, and digests them', async () => {
    const body = Buffer.alloc(3 * OVERSIZE_HEAD_BYTES, 0x41);
    body.write('head');

    const sut = await read(OVERSIZE_HEAD_BYTES, [body], { 'content-length': String(20 * 1024 * 1024) });

    expect(sut.body?.length).toBe(0);
    expect(sut.oversize).toEqual({
      bytes: 20 * 1024 * 1024,
      headSha256: sha256(body.subarray(0, OVERSIZE_HEAD_BYTES)),
      headBytes: OVERSIZE_HEAD_BYTES,
    });
  });

  it('refuses a chunked body as soon as it passes the limit, without Content-Length', async () => {
    const chunk = Buffer.alloc(1000, 0x42);

    const sut = await read(2500, [chunk, chunk, chunk, chunk]);

    expect(sut.body?.length).toBe(0);
    expect(sut.oversize).toMatchObject({
      bytes: 3000,
      headBytes: 3000,
      headSha256: sha256(Buffer.concat([chunk, chunk, chunk])),
    });
  });
});

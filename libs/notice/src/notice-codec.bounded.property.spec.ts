// Hostile notices as large as a door lets through: each still ends in a Notice or a coded
// NoticeError, and a hundred of them take a bounded time (no quadratic path, no entity blow-up).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoticeCodec } from './notice.codec';
import { NoticeError, NoticeErrorCode } from './notice.error';

const MIB = 1024 * 1024;
const CODES = new Set<string>(Object.values(NoticeErrorCode));
const MINIMAL = readFileSync(join(__dirname, '..', 'fixtures', 'valid', 'red-minimal.xml'), 'utf8');
const OPEN = '<Notice xmlns="urn:pcms:i247:notice:1">';

/** Shapes that stress a parser: each one grows to up to 1 MiB. */
const HOSTILE = fc.oneof(
  fc.integer({ min: 1, max: MIB / 4 }).map((n) => `${OPEN}${'<a>'.repeat(n)}${'</a>'.repeat(n)}</Notice>`),
  fc
    .integer({ min: 1, max: MIB - 100 })
    .map((n) => `${OPEN}<NoticeType x="${'A'.repeat(n)}">RED</NoticeType></Notice>`),
  fc
    .integer({ min: 1, max: MIB / 8 })
    .map((n) => `${OPEN}${'<NoticeType/>'.repeat(Math.ceil(n / 2))}</Notice>`),
  fc
    .integer({ min: 1, max: Math.floor(MIB / 6) })
    .map((n) => `${OPEN}<PersonSurName>${'&amp;'.repeat(n)}</PersonSurName></Notice>`),
  fc
    .integer({ min: 1, max: MIB / 16 })
    .map((n) => `${OPEN}<a ${Array.from({ length: n }, (_, i) => `b${i}="1"`).join(' ')}/></Notice>`),
  fc.integer({ min: 1, max: MIB / 2 }).map((n) => `${'<'.repeat(n)}`),
  fc
    .integer({ min: 1, max: 2000 })
    .map((n) => `<!DOCTYPE n [${'<!ENTITY e "&e;&e;">'.repeat(n)}]>${OPEN}</Notice>`),
  fc
    .integer({ min: 1, max: Math.floor(MIB / MINIMAL.length) })
    .map((n) => MINIMAL.replace('</Notice>', `${'<!-- padding -->'.repeat(n)}</Notice>`)),
  fc.uint8Array({ minLength: 1, maxLength: 64 * 1024 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

function outcomeOf(sut: NoticeCodec, input: Buffer): string {
  try {
    sut.parse(input);
    return 'ok';
  } catch (error: unknown) {
    if (!(error instanceof NoticeError) || !CODES.has(error.code)) throw error;
    return error.code;
  }
}

describe(`${NoticeCodec.name} (bounded time on large hostile input)`, () => {
  it('parses 100 hostile documents of up to 1 MiB in a bounded time, each to a notice or a coded error', () => {
    // The limits the gateway's door uses (256 KiB): what is larger is refused unread. Within them,
    // the costliest shape measured is one element with tens of thousands of attributes (xml2js,
    // about 0.3 s for 256 KiB here): linear, but the reason the limit stays small.
    const sut = new NoticeCodec();
    const inputs = fc.sample(HOSTILE, { numRuns: 100, seed: 24 }).map((text) => Buffer.from(text, 'latin1'));
    const started = process.hrtime.bigint();

    const outcomes = inputs.map((input) => outcomeOf(sut, input));

    // Generous for a loaded machine: a quadratic path or an expanded entity would take minutes.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(10);
    // outcomeOf already failed on anything uncoded; the sample must reach past the size check too.
    expect(outcomes).toContain(NoticeErrorCode.NOTICE_TOO_LARGE);
    expect(outcomes).toContain(NoticeErrorCode.NOTICE_INVALID);
    expect(outcomes).toContain(NoticeErrorCode.NOTICE_DOCTYPE_FORBIDDEN);
  });

  it('refuses anything over its size limit before parsing it', () => {
    const sut = new NoticeCodec();
    fc.assert(
      fc.property(HOSTILE, (text) => {
        const bytes = Buffer.from(text, 'latin1');
        fc.pre(bytes.length > 256 * 1024);
        expect(outcomeOf(sut, bytes)).toBe(NoticeErrorCode.NOTICE_TOO_LARGE);
      }),
      { numRuns: 30, maxSkipsPerRun: 1000 },
    );
  });
});

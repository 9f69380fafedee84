import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvelopeError, EnvelopeErrorCode } from './envelope.error';
import { canonicalBytes } from './canonical-json';
import { DEFAULT_MAX_ENVELOPE_BYTES, parseEnvelope } from './envelope.parser';

const VALID = readFileSync(join(__dirname, '..', 'fixtures', 'valid', 'person-wanted.np-ml.json'));

function errorOf(run: () => unknown): EnvelopeError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof EnvelopeError) return error;
    throw error;
  }
  throw new Error('expected an EnvelopeError');
}

describe(parseEnvelope.name, () => {
  it('parses valid bytes into the envelope', () => {
    const sut = parseEnvelope(VALID);

    expect(sut.id).toBe('4f736d0b-c5f4-4a31-8b23-be0bdcdb201f');
    expect(sut.sender).toBe('NP-ML');
  });

  it('refuses more than 1 MiB by default, before reading it', () => {
    const big = Buffer.alloc(DEFAULT_MAX_ENVELOPE_BYTES + 1, 0x20);

    expect(DEFAULT_MAX_ENVELOPE_BYTES).toBe(1_048_576);
    expect(errorOf(() => parseEnvelope(big)).code).toBe(EnvelopeErrorCode.TooLarge);
  });

  it('honours a smaller limit, and accepts a body exactly at it', () => {
    expect(errorOf(() => parseEnvelope(VALID, { maxBytes: VALID.length - 1 })).code).toBe(
      EnvelopeErrorCode.TooLarge,
    );
    expect(parseEnvelope(VALID, { maxBytes: VALID.length }).id).toBeDefined();
  });

  it.each([
    ['a truncated sequence', Buffer.from([0x7b, 0x22, 0xc3, 0x22, 0x7d])],
    ['an overlong encoding', Buffer.from([0x7b, 0xc0, 0xaf, 0x7d])],
    ['an encoded surrogate', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])],
    ['a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), VALID])],
  ])('refuses %s as invalid UTF-8', (_label, bytes) => {
    expect(errorOf(() => parseEnvelope(bytes)).code).toBe(EnvelopeErrorCode.EncodingInvalid);
  });

  it('refuses malformed JSON and keeps the parser error as cause', () => {
    const sut = errorOf(() => parseEnvelope(Buffer.from('{"id": ')));

    expect(sut.code).toBe(EnvelopeErrorCode.MalformedJson);
    expect(sut.cause).toBeInstanceOf(SyntaxError);
  });

  it('refuses an invalid envelope with every issue attached', () => {
    const envelope = JSON.parse(VALID.toString('utf8')) as Record<string, unknown>;
    envelope.sender = 'NP-SN';
    envelope.classification = 'TOP SECRET';

    const sut = errorOf(() => parseEnvelope(Buffer.from(JSON.stringify(envelope))));

    expect(sut).toBeInstanceOf(EnvelopeError);
    expect(sut.name).toBe('EnvelopeError');
    expect(sut.code).toBe(EnvelopeErrorCode.Invalid);
    expect(sut.issues.map((issue) => issue.path)).toEqual(['sender', 'classification']);
  });

  it('refuses JSON that is not an object', () => {
    const sut = errorOf(() => parseEnvelope(Buffer.from('[1,2,3]')));

    expect(sut.code).toBe(EnvelopeErrorCode.Invalid);
    expect(sut.issues).toEqual([{ path: '', reason: 'must be a JSON object' }]);
  });

  it('refuses nesting deeper than maxDepth before JSON.parse sees it, naming where', () => {
    const deep = Buffer.from(`{"payload":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);

    const sut = errorOf(() => parseEnvelope(deep));

    expect(sut.code).toBe(EnvelopeErrorCode.TooDeep);
    expect(sut.message).toContain('32 levels');
    expect(errorOf(() => parseEnvelope(Buffer.from('{"a":{"b":[1]}}'), { maxDepth: 2 })).message).toContain(
      'a.b',
    );
  });

  it.each([
    ['a repeated key', '{"classification":"SECRET","classification":"UNCLASSIFIED"}', 'classification'],
    ['a key repeated through an escape', '{"payload":{"sender":1,"send\\u0065r":2}}', 'payload.sender'],
  ])('refuses %s, which JSON.parse would silently collapse', (_label, text, path) => {
    const sut = errorOf(() => parseEnvelope(Buffer.from(text)));

    expect(sut.code).toBe(EnvelopeErrorCode.DuplicateKey);
    expect(sut.message).toContain(`at ${path}`);
  });

  it('judges malformed JSON as malformed even when it repeats a key', () => {
    expect(errorOf(() => parseEnvelope(Buffer.from('{"a":1,"a":2'))).code).toBe(
      EnvelopeErrorCode.MalformedJson,
    );
  });

  it('with requireCanonical, accepts the canonical bytes and refuses any other spelling', () => {
    const envelope = parseEnvelope(VALID);
    const canonical = canonicalBytes(envelope);

    expect(parseEnvelope(canonical, { requireCanonical: true }).id).toBe(envelope.id);
    expect(errorOf(() => parseEnvelope(VALID, { requireCanonical: true })).code).toBe(
      EnvelopeErrorCode.NotCanonical,
    );
  });
});

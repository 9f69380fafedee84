// Every byte string the network can hand to parseEnvelope gives an envelope or an EnvelopeError:
// never another exception, never a stack overflow, and never more than a bounded time.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalBytes } from './canonical-json';
import { EnvelopeError, EnvelopeErrorCode } from './envelope.error';
import { parseEnvelope } from './envelope.parser';

const VALID_DIR = join(__dirname, '..', 'fixtures', 'valid');
const readValid = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(VALID_DIR, name), 'utf8')) as Record<string, unknown>;
const VALID = readValid('person-wanted.np-ml.json');
/** One valid envelope of every message type (the fixtures), to mutate deep inside their payloads. */
const VALID_OF_EVERY_TYPE = readdirSync(VALID_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map(readValid);
const MIB = 1024 * 1024;
const CODES = new Set<string>(Object.values(EnvelopeErrorCode));

/** Runs the parser; returns the code of its refusal, or 'ok'. Anything else fails the property. */
function outcomeOf(bytes: Uint8Array, requireCanonical = false): string {
  try {
    parseEnvelope(Buffer.from(bytes), { requireCanonical });
    return 'ok';
  } catch (error: unknown) {
    if (!(error instanceof EnvelopeError) || !CODES.has(error.code)) throw error;
    return error.code;
  }
}

type JsonPath = (string | number)[];

/** Every path to a value inside `value` (objects and arrays walked, the root excluded). */
function pathsInside(value: unknown, prefix: JsonPath = []): JsonPath[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsInside(child, path)];
  });
}

/** A copy of `envelope` whose payload holds `replacement` at `path`. */
function withPayloadValue(envelope: Record<string, unknown>, path: JsonPath, replacement: unknown): unknown {
  const copy = structuredClone(envelope);
  const parent = path
    .slice(0, -1)
    .reduce<Record<string | number, unknown>>(
      (node, key) => node[key] as Record<string | number, unknown>,
      copy.payload as Record<string, unknown>,
    );
  parent[path[path.length - 1]] = replacement;
  return copy;
}

/** A valid envelope of any type with one value deep inside its payload replaced by random JSON. */
const MUTATED_PAYLOAD = fc
  .constantFrom(...VALID_OF_EVERY_TYPE)
  .chain((envelope) =>
    fc.tuple(
      fc.constant(envelope),
      fc.constantFrom(...pathsInside(envelope.payload)),
      fc.jsonValue({ maxDepth: 4 }),
    ),
  )
  .map(([envelope, path, replacement]) => withPayloadValue(envelope, path, replacement));

/** JSON text nested up to 100 000 deep (within the 1 MiB limit) with containers, objects and arrays mixed. */
const DEEP_TEXT = fc
  .tuple(fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: 100_000 }))
  .map(([pattern, depth]) => {
    const opens: string[] = [];
    const closes: string[] = [];
    for (let level = 0; level < depth; level++) {
      const object = pattern[level % pattern.length];
      opens.push(object ? '{"k":' : '[');
      closes.push(object ? '}' : ']');
    }
    return `${opens.join('')}0${closes.reverse().join('')}`;
  });

/** A valid envelope whose text repeats one of its keys somewhere. */
const DUPLICATED_KEY_TEXT = fc
  .tuple(fc.constantFrom(...Object.keys(VALID)), fc.jsonValue({ maxDepth: 3 }), fc.boolean())
  .map(([key, value, escaped]) => {
    const text = canonicalBytes(VALID).toString('utf8');
    const spelling = escaped ? `\\u${key.charCodeAt(0).toString(16).padStart(4, '0')}${key.slice(1)}` : key;
    return `${text.slice(0, -1)},"${spelling}":${JSON.stringify(value)}}`;
  });

describe(`${parseEnvelope.name} (properties)`, () => {
  it('turns any bytes into an envelope or a coded EnvelopeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(outcomeOf(bytes, true)).not.toBe('ok');
      }),
      { numRuns: 1000 },
    );
  });

  it('turns any JSON value into an envelope or a coded EnvelopeError', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 40 }), fc.boolean(), (value, canonical) => {
        expect(outcomeOf(Buffer.from(JSON.stringify(value)), canonical)).not.toBe('ok');
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a valid envelope whose fields were mixed with random values, with a code', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(...Object.keys(VALID), '__proto__', 'constructor', 'x'),
          fc.jsonValue(),
        ),
        (patch) => {
          const outcome = outcomeOf(Buffer.from(JSON.stringify({ ...VALID, ...patch })));
          expect(outcome === 'ok' || CODES.has(outcome)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives every message type an envelope or a coded EnvelopeError, whatever sits inside its payload', () => {
    fc.assert(
      fc.property(MUTATED_PAYLOAD, (envelope) => {
        const outcome = outcomeOf(Buffer.from(JSON.stringify(envelope)));
        expect(outcome === 'ok' || CODES.has(outcome)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('blames a broken payload on the payload, never on the envelope around it', () => {
    fc.assert(
      fc.property(MUTATED_PAYLOAD, (envelope) => {
        try {
          parseEnvelope(Buffer.from(JSON.stringify(envelope)));
        } catch (error: unknown) {
          if (!(error instanceof EnvelopeError)) throw error;
          expect(error.issues.every((issue) => /^payload(\.|\[|$)/.test(issue.path))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives a random payload under every message type an envelope or a coded EnvelopeError', () => {
    const types = [...new Set(VALID_OF_EVERY_TYPE.map((envelope) => envelope.type))];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.jsonValue({ maxDepth: 6 }), (type, payload) => {
        const outcome = outcomeOf(Buffer.from(JSON.stringify({ ...VALID, type, payload })));
        expect(outcome === 'ok' || CODES.has(outcome)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses nesting beyond 32 as too deep, and never overflows the stack', () => {
    fc.assert(
      fc.property(DEEP_TEXT, (text) => {
        const outcome = outcomeOf(Buffer.from(text));
        const depth = (text.match(/[[{]/g) ?? []).length;
        expect(outcome).toBe(depth > 32 ? EnvelopeErrorCode.TooDeep : EnvelopeErrorCode.Invalid);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses every repeated key, however spelled, as a duplicate', () => {
    fc.assert(
      fc.property(DUPLICATED_KEY_TEXT, (text) => {
        expect(outcomeOf(Buffer.from(text))).toBe(EnvelopeErrorCode.DuplicateKey);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts the canonical bytes of a valid envelope, and no other spelling of it', () => {
    const canonical = canonicalBytes(VALID);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), (indent) => {
        expect(outcomeOf(canonical, true)).toBe('ok');
        expect(outcomeOf(Buffer.from(JSON.stringify(VALID, null, indent)), true)).toBe(
          EnvelopeErrorCode.NotCanonical,
        );
      }),
      { numRuns: 20 },
    );
  });

  it('parses 100 hostile inputs of up to 1 MiB each in a bounded time', () => {
    const shapes = fc.oneof(
      fc.integer({ min: 1, max: MIB }).map((n) => '['.repeat(n)),
      fc
        .integer({ min: 1, max: MIB / 8 })
        .map((n) => `{${Array.from({ length: n }, () => '"a":0').join(',')}}`),
      fc.integer({ min: 1, max: MIB / 4 }).map((n) => `[${'"x",'.repeat(n)}0]`),
      fc.integer({ min: 1, max: MIB - 2 }).map((n) => `"${'\\'.repeat(n - (n % 2))}"`),
      fc
        .uint8Array({ minLength: 1, maxLength: 64 * 1024 })
        .map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    const inputs = fc.sample(shapes, { numRuns: 100, seed: 5 }).map((text) => Buffer.from(text, 'latin1'));
    const started = process.hrtime.bigint();

    for (const input of inputs) expect(outcomeOf(input)).not.toBe('ok');

    // A generous budget for a loaded machine: a quadratic path would take minutes here.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(10);
  });
});

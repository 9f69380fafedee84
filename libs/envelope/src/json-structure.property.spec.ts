// The pre-parse scanner must agree with JSON.parse: on valid JSON without repeated keys it finds
// nothing (so no good envelope is refused), it measures depth as the data nests, and it finds
// every repeated key a text can hold.
import fc from 'fast-check';
import { scanJsonStructure } from './json-structure.scanner';

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Object.values(value as Record<string, unknown>);
  return 1 + Math.max(0, ...children.map(depthOf));
}

/** Whitespace JSON allows between tokens (RFC 8259 §2), to keep the scanner honest. */
const SPACED_JSON = fc
  .tuple(fc.jsonValue({ maxDepth: 8 }), fc.constantFrom(undefined, 1, '\t', ' \r\n '))
  .map(([value, space]) => ({ value, text: JSON.stringify(value, null, space) }));

describe(`${scanJsonStructure.name} (properties)`, () => {
  it('finds nothing in what JSON.stringify writes, whatever the strings hold', () => {
    fc.assert(
      fc.property(SPACED_JSON, ({ text }) => {
        expect(scanJsonStructure(text, 64)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses exactly the values nested deeper than the limit', () => {
    fc.assert(
      fc.property(SPACED_JSON, fc.integer({ min: 0, max: 10 }), ({ value, text }, maxDepth) => {
        const finding = scanJsonStructure(text, maxDepth);
        expect(finding?.kind === 'too-deep').toBe(depthOf(value) > maxDepth);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a key repeated anywhere, as JSON.parse would have collapsed it', () => {
    const withRepeat = fc
      .tuple(
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 }),
        fc.nat(),
        fc.jsonValue({ maxDepth: 2 }),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([object, pick, extra, wrapperTail]) => {
        const keys = Object.keys(object);
        const key = keys[pick % keys.length];
        const inner = `${JSON.stringify(object).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(extra)}}`;
        // Bury the repeating object one level down, beside other data, so paths matter too.
        return { key, text: `{"data":[${JSON.stringify(wrapperTail)},${inner}]}` };
      });
    fc.assert(
      fc.property(withRepeat, ({ key, text }) => {
        expect(() => JSON.parse(text) as unknown).not.toThrow();
        expect(scanJsonStructure(text, 64)).toMatchObject({ kind: 'duplicate-key', key });
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary text, and stays linear on 1 MiB of it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        expect(() => scanJsonStructure(text, 32)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
    const inputs = fc
      .sample(
        fc.oneof(fc.constantFrom('{"a":0,', '"\\"', '[', '{', '"', ',', ':'), fc.string({ maxLength: 4 })),
        { numRuns: 100, seed: 7 },
      )
      .map((piece) => piece.repeat(Math.ceil((1024 * 1024) / Math.max(1, piece.length))));
    const started = process.hrtime.bigint();

    for (const text of inputs) scanJsonStructure(text, 32);

    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(10);
  });
});

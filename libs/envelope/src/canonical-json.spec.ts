import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { canonicalBytes, canonicalize } from './canonical-json';
import { EnvelopeError, EnvelopeErrorCode } from './envelope.error';

function fromBits(hex: string): number {
  return Buffer.from(hex, 'hex').readDoubleBE(0);
}

function codeOf(run: () => unknown): EnvelopeErrorCode | undefined {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof EnvelopeError) return error.code;
    throw error;
  }
  return undefined;
}

describe(canonicalize.name, () => {
  // RFC 8785 Appendix B: IEEE 754 bit patterns and their required serialisation.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the double 0x%s as %s', (bits, expected) => {
    expect(canonicalize(fromBits(bits))).toBe(expected);
  });

  it.each(['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000'])(
    'refuses the non-finite double 0x%s',
    (bits) => {
      expect(codeOf(() => canonicalize([fromBits(bits)]))).toBe(EnvelopeErrorCode.NotCanonicalizable);
    },
  );

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const sut = canonicalize({
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    });

    expect(sut).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('reproduces the RFC 8785 §3.2.2 sample, byte for byte', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;

    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('matches the UTF-8 bytes of the published JCS sample', () => {
    const input = JSON.parse(
      '{"numbers":[1E30,4.50,6,2e-3,0.000000000000000000000000001],' +
        '"escaping":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","other":[null,true,false]}',
    ) as unknown;
    const hex = [
      '7b 22 65 73 63 61 70 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 30 66 5c 6e 41 27 42 5c 22 5c 5c',
      '5c 5c 5c 22 2f 22 2c 22 6e 75 6d 62 65 72 73 22 3a 5b 31 65 2b 33 30 2c 34 2e 35 2c 36 2c 30 2e',
      '30 30 32 2c 31 65 2d 32 37 5d 2c 22 6f 74 68 65 72 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61',
      '6c 73 65 5d 7d',
    ].join(' ');

    expect(canonicalBytes(input).toString('hex')).toBe(hex.replace(/\s/g, ''));
  });

  it('writes no whitespace and nests sorting', () => {
    expect(canonicalize({ b: [{ z: 1, a: { y: true, x: null } }], a: 'é' })).toBe(
      '{"a":"é","b":[{"a":{"x":null,"y":true},"z":1}]}',
    );
  });

  it('leaves out object members that are undefined, as JSON does', () => {
    expect(canonicalize({ a: 1, correlationId: undefined })).toBe('{"a":1}');
  });

  it.each([
    ['undefined in an array', [1, undefined]],
    ['a function', { f: () => 1 }],
    ['a bigint', { n: BigInt(1) }],
    ['a lone surrogate', { s: 'a\ud800' }],
    ['a lone surrogate in a key', { ['\udc00']: 1 }],
  ])('refuses %s', (_label, value) => {
    expect(codeOf(() => canonicalize(value))).toBe(EnvelopeErrorCode.NotCanonicalizable);
  });

  it('refuses a circular structure instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    expect(codeOf(() => canonicalize(cyclic))).toBe(EnvelopeErrorCode.NotCanonicalizable);
  });

  it('gives the same text for the same data, whatever the key order, and parses back to it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value);
        const reordered = JSON.parse(text, (_key, v: unknown) =>
          v !== null && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        ) as unknown;

        expect(canonicalize(reordered)).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('is stable for a fixture envelope', () => {
    const file = join(__dirname, '..', 'fixtures', 'valid', 'incident-report.json');
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as unknown;

    const text = canonicalize(envelope);

    expect(text.startsWith('{"classification":"RESTRICTED","createdAt":')).toBe(true);
    expect(canonicalBytes(envelope).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});

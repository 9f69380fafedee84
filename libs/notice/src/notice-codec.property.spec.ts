import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoticeCodec } from './notice.codec';
import { NoticeError } from './notice.error';
import { Notice } from './notice.model';
import { XsdValidator } from './xsd.validator';

const VALID = join(__dirname, '..', 'fixtures', 'valid');
const DOCUMENTS = readdirSync(VALID)
  .filter((name) => name.endsWith('.xml'))
  .map((name) => readFileSync(join(VALID, name), 'utf8'));

/** Markup-shaped fragments: random text alone rarely reaches past the first checks. */
const FRAGMENT = fc.oneof(
  fc.constantFrom(
    '<',
    '>',
    '</',
    '/>',
    '<?',
    '?>',
    '<!--',
    '-->',
    '<![CDATA[',
    ']]>',
    '&',
    '&amp;',
    '&#x0;',
    ';',
    '"',
    "'",
    '=',
    '<!DOCTYPE',
    '<!ENTITY',
    '\uFEFF',
    '\u0000',
    '\uD800',
    'xmlns="urn:pcms:i247:notice:1"',
    'xmlns:n="urn:x"',
    '<Notice>',
    '</Notice>',
    '<PersonSurName>',
    '</PersonSurName>',
    '<ArrestWarrant>',
    '</ArrestWarrant>',
    '<NoticeType>RED</NoticeType>',
    '<PersonHeightCm>9999</PersonHeightCm>',
    '<PersonBirthDate>1984/02/30</PersonBirthDate>',
  ),
  fc.string({ maxLength: 8 }),
);

/** Values a leaf element may be given: plausible, borderline and hostile. */
const LEAF_TEXT = fc.oneof(
  fc.constantFrom(
    'RED',
    'YELLOW',
    'ML',
    'ml',
    'FRE',
    '1984',
    '1984/02',
    '1984/02/29',
    '1983/02/29',
    '2000/13/01',
    '175',
    '0',
    '-3',
  ),
  fc.constantFrom(
    'BRO',
    'XXX',
    'M',
    'X',
    ' ',
    '',
    'https://example.org/p.jpg',
    '&amp;',
    '&lt;b&gt;',
    'A'.repeat(101),
  ),
  fc.string({ maxLength: 12 }).map((text) => text.replace(/[<&]/g, '')),
);

const LEAF_LINE = /^(\s*<[^/>]+>)([^<]*)(<\/[^>]+>)$/;

type Mutation = (lines: string[]) => string[];

// Weighted towards mutations that keep the document well-formed, so most runs reach the reader.
const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.nat(), LEAF_TEXT).map(([i, text]): Mutation => (lines) => {
      const leaves = lines.map((line, at) => (LEAF_LINE.test(line) ? at : -1)).filter((at) => at >= 0);
      const target = leaves[i % Math.max(leaves.length, 1)];
      return lines.map((line, at) => (at === target ? line.replace(LEAF_LINE, `$1${text}$3`) : line));
    }),
  },
  {
    weight: 2,
    arbitrary: fc.nat().map(
      (i): Mutation =>
        (lines) =>
          lines.filter((_, at) => at !== i % lines.length),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.nat().map(
      (i): Mutation =>
        (lines) =>
          lines.flatMap((line, at) => (at === i % lines.length ? [line, line] : [line])),
    ),
  },
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]): Mutation => (lines) => {
    const copy = [...lines];
    const [a, b] = [i % copy.length, j % copy.length];
    [copy[a], copy[b]] = [copy[b], copy[a]];
    return copy;
  }),
  fc.tuple(fc.nat(), fc.nat(), FRAGMENT).map(
    ([i, column, fragment]): Mutation =>
      (lines) =>
        lines.map((line, at) =>
          at === i % lines.length
            ? line.slice(0, column % (line.length + 1)) + fragment + line.slice(column % (line.length + 1))
            : line,
        ),
  ),
  fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 12 })).map(
    ([i, column, length]): Mutation =>
      (lines) =>
        lines.map((line, at) =>
          at === i % lines.length
            ? line.slice(0, column % (line.length + 1)) + line.slice((column % (line.length + 1)) + length)
            : line,
        ),
  ),
);

const MUTATED_DOCUMENT = fc
  .tuple(fc.constantFrom(...DOCUMENTS), fc.array(MUTATION, { minLength: 1, maxLength: 4 }))
  .map(([document, mutations]) =>
    mutations.reduce((lines, mutate) => mutate(lines), document.split('\n')).join('\n'),
  );

/** The codec's promise: a Notice or a NoticeError, nothing else. */
function outcome(sut: NoticeCodec, input: Buffer | string): Notice | NoticeError {
  try {
    return sut.parse(input);
  } catch (error: unknown) {
    if (error instanceof NoticeError) return error;
    throw error;
  }
}

describe(`${NoticeCodec.name} properties`, () => {
  const sut = new NoticeCodec();

  it('turns any string into a Notice or a NoticeError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (input) => {
        expect(outcome(sut, input)).toBeInstanceOf(NoticeError);
      }),
      { numRuns: 500 },
    );
  });

  it('turns any bytes into a Notice or a NoticeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (input) => {
        expect(outcome(sut, Buffer.from(input))).toBeInstanceOf(NoticeError);
      }),
      { numRuns: 500 },
    );
  });

  it('turns markup-shaped noise into a Notice or a NoticeError', () => {
    fc.assert(
      fc.property(fc.array(FRAGMENT, { maxLength: 60 }), (fragments) => {
        expect(outcome(sut, fragments.join(''))).toBeInstanceOf(NoticeError);
      }),
      { numRuns: 500 },
    );
  });

  it('reads mutated notices to a Notice that survives a round trip, or to a NoticeError', () => {
    fc.assert(
      fc.property(MUTATED_DOCUMENT, fc.boolean(), (xml, asBytes) => {
        const result = outcome(sut, asBytes ? Buffer.from(xml, 'utf8') : xml);
        if (result instanceof NoticeError) {
          expect(Object.values(result.issues).every((issue) => issue.path.startsWith('/'))).toBe(true);
        } else {
          expect(sut.parse(sut.serialize(result))).toEqual(result);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('writes only documents the XSD accepts from whatever mutated notice it accepted', async () => {
    const xsd = new XsdValidator();
    await fc.assert(
      fc.asyncProperty(MUTATED_DOCUMENT, async (xml) => {
        const result = outcome(sut, xml);
        fc.pre(!(result instanceof NoticeError));
        await expect(xsd.validateNoticeXml(sut.serialize(result))).resolves.toEqual({
          valid: true,
          errors: [],
        });
      }),
      { numRuns: 15, maxSkipsPerRun: 200 },
    );
    // Fifteen libxml2 WebAssembly runs: seconds on a loaded machine, beyond jest's default 5 s.
  }, 60_000);
});

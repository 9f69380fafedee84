// Whatever the public service (or anyone on the path to it) sends, the codec answers with a tree
// or with its own coded error: never a TypeError, a RangeError or a stack overflow.
import fc from 'fast-check';
import { TranslationError, TranslationErrorCode } from '../translation.error';
import { InterpolPublicJsonCodec } from './interpol-public-json.codec';

const sut = new InterpolPublicJsonCodec({ maxBytes: 64 * 1024, maxDepth: 16 });

function parsesOrRefuses(input: Buffer): void {
  try {
    const tree = sut.parse(input);
    expect(typeof tree).toBe('object');
    expect(['red', 'yellow', 'un', undefined]).toContain(sut.typeOf(tree));
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(TranslationError);
    expect((error as TranslationError).code).toBe(TranslationErrorCode.InputInvalid);
  }
}

/** Documents shaped like the service's, with any JSON in any field. */
const NOTICE_LIKE = fc.record(
  {
    entity_id: fc.oneof(fc.constant('2024/31877'), fc.jsonValue({ maxDepth: 1 })),
    name: fc.jsonValue({ maxDepth: 1 }),
    forename: fc.oneof(fc.constant(null), fc.constant('-'), fc.string()),
    date_of_birth: fc.oneof(
      fc.constantFrom('1979', '1991/11', '1984/03/17', '1984/00/00'),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    height: fc.oneof(fc.constant(0), fc.double(), fc.jsonValue({ maxDepth: 1 })),
    nationalities: fc.oneof(fc.constant(null), fc.array(fc.jsonValue({ maxDepth: 1 }))),
    arrest_warrants: fc.oneof(
      fc.constant(null),
      fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }))),
    ),
    also_known_as: fc.jsonValue({ maxDepth: 1 }),
    identity_documents: fc.jsonValue({ maxDepth: 3 }),
    _links: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constant({ self: { href: 'https://x/notices/v1/un/entities/1' } }),
    ),
  },
  { requiredKeys: [] },
);

describe(`${InterpolPublicJsonCodec.name} (properties)`, () => {
  it('parses or refuses with its own code whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 20 }), (value) =>
        parsesOrRefuses(Buffer.from(JSON.stringify(value) ?? 'null')),
      ),
      { numRuns: 500 },
    );
  });

  it('parses or refuses with its own code whatever notice-shaped document it is given', () => {
    fc.assert(
      fc.property(NOTICE_LIKE, (value) => parsesOrRefuses(Buffer.from(JSON.stringify(value)))),
      { numRuns: 1000 },
    );
  });

  it('parses or refuses with its own code whatever bytes it is given', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (input) => parsesOrRefuses(Buffer.from(input))),
      { numRuns: 500 },
    );
  });
});

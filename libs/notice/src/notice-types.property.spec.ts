import fc from 'fast-check';
import { NoticeCodec } from './notice.codec';
import { NoticeError, NoticeErrorCode } from './notice.error';
import { Notice, NoticeType, NOTICE_TYPE_SHAPES, NOTICE_TYPES } from './notice.model';
import { VALID_NOTICE_OF } from './notice-types.arbitraries';
import { XsdValidator } from './xsd.validator';

const CODES = new Set<string>(Object.values(NoticeErrorCode));

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error: unknown) {
    return error;
  }
  return undefined;
}

/** Every property path of a JSON-like value, arrays by index: ['subject', 'aliases', 0, 'surname']. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((key) => pathsOf((value as Record<string, unknown>)[key], [...prefix, key])),
  ];
}

function withValueAt(notice: Notice, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(notice) as unknown;
  if (path.length === 0) return replacement;
  let parent = copy as Record<string | number, unknown>;
  path.slice(0, -1).forEach((key) => (parent = parent[key] as Record<string | number, unknown>));
  parent[path[path.length - 1]] = replacement;
  return copy;
}

describe(`${NoticeCodec.name} properties of every notice type`, () => {
  const sut = new NoticeCodec();

  describe.each(NOTICE_TYPES)('%s', (type) => {
    const arbitrary = VALID_NOTICE_OF[type];

    it('writes a generated notice, reads it back equal, and writes the same bytes again', () => {
      fc.assert(
        fc.property(arbitrary, (notice) => {
          const xml = sut.serialize(notice);
          const read = sut.parse(xml);
          expect(read).toEqual(notice);
          expect(sut.serialize(read)).toBe(xml);
        }),
        { numRuns: 150 },
      );
    });

    it('refuses the same notice under another NoticeType, naming the details block', () => {
      const others = NOTICE_TYPES.filter((other) => other !== type);
      const ownElement = `/Notice/${NOTICE_TYPE_SHAPES[type].detailsElement}`;
      fc.assert(
        fc.property(arbitrary, fc.constantFrom(...others), (notice, other: NoticeType) => {
          const relabelled = { ...notice, noticeType: other };
          const written = thrown(() => sut.serialize(relabelled));
          expect(written).toBeInstanceOf(NoticeError);
          expect((written as NoticeError).code).toBe(NoticeErrorCode.NOTICE_INVALID);
          expect((written as NoticeError).issues.map((issue) => issue.path)).toContain(ownElement);

          const xml = sut.serialize(notice).replace(`<NoticeType>${type}<`, `<NoticeType>${other}<`);
          const read = thrown(() => sut.parse(xml));
          expect((read as NoticeError).code).toBe(NoticeErrorCode.NOTICE_INVALID);
          expect((read as NoticeError).issues.map((issue) => issue.path)).toContain(ownElement);
        }),
        { numRuns: 60 },
      );
    });

    it('given any value anywhere in the object, writes a notice that reads back equal or throws its own coded error', () => {
      fc.assert(
        fc.property(
          arbitrary.chain((notice) => fc.tuple(fc.constant(notice), fc.constantFrom(...pathsOf(notice)))),
          fc.anything({
            withNullPrototype: true,
            withBigInt: true,
            withDate: true,
            withMap: true,
            withSparseArray: true,
          }),
          ([notice, path], replacement) => {
            const spoiled = withValueAt(notice, path, replacement);
            const error = thrown(() => sut.parse(sut.serialize(spoiled as Notice)));
            if (error === undefined) return;
            expect(error).toBeInstanceOf(NoticeError);
            expect(CODES.has((error as NoticeError).code)).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('writes generated notices that the XSD accepts', async () => {
      const xsd = new XsdValidator();
      for (const notice of fc.sample(arbitrary, { numRuns: 4, seed: 4 })) {
        await expect(xsd.validateNoticeXml(sut.serialize(notice))).resolves.toEqual({
          valid: true,
          errors: [],
        });
      }
    }, 60_000);
  });
});

import fc from 'fast-check';
import { stringify } from 'yaml';
import { MappingEngine } from './mapping.engine';
import { MappingError } from './mapping.error';
import { MappingParser } from './mapping.parser';
import { TRANSFORM_NAMES } from './transforms/transform.registry';

// Generated mappings, right or wrong, applied to generated sources: loading and applying may
// refuse, but only ever with a coded MappingError, never a TypeError or a stack overflow.
const name = fc.constantFrom('a', 'b', 'c', 'list');
const fromPath = fc
  .tuple(
    fc.oneof(name, fc.constant('$context')),
    fc.array(fc.oneof(name, fc.constantFrom('0', '1')), { maxLength: 3 }),
  )
  .map(([head, rest]) => [head, ...rest].join('.'));
const toPath = fc.array(name, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
const transform = fc.oneof(
  { arbitrary: fc.constantFrom(...TRANSFORM_NAMES), weight: 4 },
  { arbitrary: fc.constant({ date: { to: 'interpol' } }), weight: 1 },
  { arbitrary: fc.constant({ codelist: { map: { a: 'A', b: 'B' }, default: 'Z' } }), weight: 1 },
  { arbitrary: fc.constant({ split: ';' }), weight: 1 },
  {
    // Wrong on purpose now and then: unknown names, arguments of any shape.
    arbitrary: fc
      .record({ name: fc.constantFrom(...TRANSFORM_NAMES, 'nope'), argument: fc.jsonValue({ maxDepth: 2 }) })
      .map(({ name: transformName, argument }) => ({ [transformName]: argument })),
    weight: 1,
  },
);
const transforms = fc.option(fc.array(transform, { minLength: 1, maxLength: 3 }), { nil: undefined });
const rule: fc.Memo<Record<string, unknown>> = fc.memo((depth) =>
  fc.oneof(
    fc.record({ from: fromPath, to: toPath, transform: transforms, required: fc.boolean() }),
    fc.record({ to: toPath, value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.record({ from: fromPath, to: toPath, each: transforms }),
    depth > 1
      ? fc.record({
          from: fromPath,
          to: toPath,
          rules: fc.array(rule(depth - 1), { minLength: 1, maxLength: 3 }),
        })
      : fc.record({ from: fromPath, to: toPath }),
    // A malformed rule now and then: the parser refuses it with a code.
    fc.dictionary(
      fc.constantFrom('from', 'to', 'value', 'tranform', 'rules'),
      fc.jsonValue({ maxDepth: 2 }),
      {
        maxKeys: 3,
      },
    ),
  ),
);
const mappingText = fc
  .array(rule(3), { minLength: 1, maxLength: 6 })
  .map((rules) =>
    stringify({
      id: 'generated',
      version: '1.0.0',
      source: { format: 'a' },
      target: { format: 'b' },
      rules: JSON.parse(JSON.stringify(rules)) as unknown,
    }),
  );
const sourceTree = fc.oneof(
  fc.anything({ withNullPrototype: true, maxDepth: 4 }),
  fc.record({
    a: fc.anything({ maxDepth: 3 }),
    b: fc.array(fc.record({ a: fc.string(), c: fc.anything({ maxDepth: 2 }) }), { maxLength: 3 }),
    list: fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
  }),
);

describe(MappingEngine.name, () => {
  const parser = new MappingParser();
  const sut = new MappingEngine();

  it('only ever throws a coded MappingError, whatever the mapping and the source', () => {
    let applied = 0;
    fc.assert(
      fc.property(
        mappingText,
        sourceTree,
        fc.dictionary(fc.string(), fc.anything()),
        (text, source, context) => {
          try {
            const mapping = parser.parse(text, 'generated.yaml');
            applied++;
            sut.apply(mapping, source, context);
          } catch (error: unknown) {
            if (!(error instanceof MappingError)) throw error;
            expect(error.code).toMatch(/^MAPPING_[A-Z_]+$/u);
          }
        },
      ),
      { numRuns: 400 },
    );
    // The generator must reach the engine, not only the parser's refusals.
    expect(applied).toBeGreaterThan(20);
  });
});

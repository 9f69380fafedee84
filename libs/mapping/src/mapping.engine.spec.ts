import fc from 'fast-check';
import { MappingEngine } from './mapping.engine';
import { MappingError, MappingErrorCode } from './mapping.error';
import { MappingParser } from './mapping.parser';

const parse = (rules: string[]) =>
  new MappingParser().parse(
    [
      'id: engine-spec',
      'version: 1.0.0',
      'source: { format: a }',
      'target: { format: b }',
      'rules:',
      ...rules,
    ].join('\n'),
    'engine.yaml',
  );

const WANTED = parse([
  '  - { to: noticeType, value: RED }', // 6
  '  - { from: $context.messageId, to: noticeId, required: true }', // 7
  '  - { from: payload.subject.familyName, to: subject.surname, transform: [trim, upper] }', // 8
  '  - { from: payload.subject.nationalities, to: subject.nationalities, each: [country] }', // 9
  '  - from: payload.warrants', // 10
  '    to: arrestWarrants',
  '    rules:',
  '      - { from: reference, to: warrantReference, required: true }', // 13
  '      - { from: issuingCountry, to: issuingCountryCode, transform: [country] }', // 14
  '      - from: charges', // 15
  '        to: charges',
  '        rules:',
  '          - { from: label, to: text }', // 18
]);

describe(MappingEngine.name, () => {
  const sut = new MappingEngine();

  it('writes constants, context values, transformed values and nested arrays, with a trace', () => {
    const source = {
      payload: {
        subject: { familyName: ' Traoré ', nationalities: ['Mali', 'NER'] },
        warrants: [
          {
            reference: 'W-1',
            issuingCountry: 'Mali',
            charges: [{ label: 'terrorism' }, { label: 'murder' }],
          },
          { reference: 'W-2', issuingCountry: 'Niger' },
        ],
      },
    };
    const { target, trace } = sut.apply(WANTED, source, { messageId: 'msg-1' });
    expect(target).toEqual({
      noticeType: 'RED',
      noticeId: 'msg-1',
      subject: { surname: 'TRAORÉ', nationalities: ['ML', 'NE'] },
      arrestWarrants: [
        {
          warrantReference: 'W-1',
          issuingCountryCode: 'ML',
          charges: [{ text: 'terrorism' }, { text: 'murder' }],
        },
        { warrantReference: 'W-2', issuingCountryCode: 'NE' },
      ],
    });
    expect(trace).toContainEqual({ rule: 'engine.yaml:6', to: 'noticeType' });
    expect(trace).toContainEqual({ rule: 'engine.yaml:7', from: '$context.messageId', to: 'noticeId' });
    expect(trace).toContainEqual({
      rule: 'engine.yaml:18',
      from: 'payload.warrants[0].charges[1].label',
      to: 'arrestWarrants[0].charges[1].text',
    });
    expect(trace).toContainEqual({ rule: 'engine.yaml:10', from: 'payload.warrants', to: 'arrestWarrants' });
  });

  it('does not write missing optional values, nulls, empty strings or empty lists', () => {
    const { target } = sut.apply(
      WANTED,
      { payload: { subject: { familyName: '', nationalities: [] }, warrants: null } },
      { messageId: 'm' },
    );
    expect(target).toEqual({ noticeType: 'RED', noticeId: 'm' });
  });

  it('fails a missing required value naming the rule and the source path', () => {
    const error = capture(() =>
      sut.apply(WANTED, { payload: { warrants: [{ reference: 'W-1' }, {}] } }, { messageId: 'm' }),
    );
    expect(error).toMatchObject({
      code: MappingErrorCode.RequiredMissing,
      rule: 'engine.yaml:13',
      sourcePath: 'payload.warrants[1].reference',
      targetPath: 'arrestWarrants[1].warrantReference',
    });
    expect(error.message).toContain('engine.yaml:13');
  });

  it('fails a transform naming the rule, the source path and keeping the cause', () => {
    const error = capture(() =>
      sut.apply(
        WANTED,
        { payload: { warrants: [{ reference: 'W', issuingCountry: 'Atlantis' }] } },
        { messageId: 'm' },
      ),
    );
    expect(error).toMatchObject({
      code: MappingErrorCode.TransformFailed,
      rule: 'engine.yaml:14',
      sourcePath: 'payload.warrants[0].issuingCountry',
    });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('fails nested rules over a scalar', () => {
    expect(capture(() => sut.apply(WANTED, { payload: { warrants: 'W-1' } }, { messageId: 'm' })).code).toBe(
      MappingErrorCode.SourceTypeMismatch,
    );
  });

  it('maps a nested object source to a nested object', () => {
    const mapping = parse([
      '  - from: facts',
      '    to: facts',
      '    rules:',
      '      - { from: summary, to: text }',
    ]);
    expect(sut.apply(mapping, { facts: { summary: 'seen in Gao' } }).target).toEqual({
      facts: { text: 'seen in Gao' },
    });
  });

  it('reads array elements by index', () => {
    const mapping = parse(['  - { from: eyes.1, to: second }']);
    expect(sut.apply(mapping, { eyes: ['BLA', 'BRO'] }).target).toEqual({ second: 'BRO' });
  });

  it('reports a value written over by a deeper path as a conflict', () => {
    const mapping = parse(['  - { from: a, to: x }', '  - { from: b, to: x.y }']);
    expect(capture(() => sut.apply(mapping, { a: 'scalar', b: 'deeper' })).code).toBe(
      MappingErrorCode.TargetConflict,
    );
  });

  it('copies values so the target never shares objects with the source', () => {
    const mapping = parse(['  - { from: photos, to: photos }']);
    const source = { photos: [{ uri: 'a' }] };
    const { target } = sut.apply(mapping, source);
    (target.photos as { uri: string }[])[0].uri = 'changed';
    expect(source.photos[0].uri).toBe('a');
  });

  it('keeps a hostile "__proto__" key of the source an ordinary key and Object.prototype clean', () => {
    const mapping = parse(['  - { from: data, to: copy }']);
    const source = JSON.parse('{"data":{"__proto__":{"polluted":true},"ok":1}}') as unknown;
    const { target } = sut.apply(mapping, source);
    expect(Object.hasOwn(target.copy as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(target.copy)).toBe(Object.prototype);
  });

  it('never throws anything but MappingError, whatever the source', () => {
    const everything = parse([
      '  - { from: a, to: a, transform: [{ date: { to: interpol } }] }',
      '  - { from: b, to: b, transform: [country] }',
      '  - { from: c, to: c, transform: [{ codelist: { map: { x: X } } }] }',
      '  - { from: d, to: d, transform: [trim, stripAccents, upper, lower] }',
      '  - { from: e, to: e, transform: [{ split: "," }, { join: ";" }] }',
      '  - { from: f, to: f, each: [upper], transform: [list] }',
      '  - { from: g, to: g, transform: [first, { default: z }] }',
      '  - { from: h.0.i, to: h, required: true }',
      '  - from: j',
      '    to: j',
      '    rules: [{ from: k, to: k, transform: [country] }, { from: l.m, to: l.m }]',
    ]);
    const key = fc.constantFrom(
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
      'h',
      'i',
      'j',
      'k',
      'l',
      'm',
      '__proto__',
      'constructor',
      '0',
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.anything({
          withNullPrototype: true,
          withBoxedValues: true,
          withMap: true,
          withSet: true,
          withDate: true,
        }),
        fc.dictionary(key, tie('node'), { maxKeys: 8 }),
        fc.array(tie('node'), { maxLength: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, fc.object(), (source, context) => {
        try {
          sut.apply(everything, source, context);
        } catch (error: unknown) {
          if (!(error instanceof MappingError)) throw error;
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});

function capture(fn: () => unknown): MappingError {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof MappingError) return error;
    throw error;
  }
  throw new Error('expected a MappingError');
}

describe(`${MappingEngine.name} with nested rules and transforms`, () => {
  it('applies the transforms to what the nested rules produced', () => {
    const mapping = parse([
      '  - from: aliases',
      '    to: aliases',
      '    transform: [{ default: [] }]',
      '    rules: [{ from: n, to: surname }]',
    ]);
    const sut = new MappingEngine();
    expect(sut.apply(mapping, {}).target).toEqual({ aliases: [] });
    expect(sut.apply(mapping, { aliases: [{ n: 'Ag Ghaly' }] }).target).toEqual({
      aliases: [{ surname: 'Ag Ghaly' }],
    });
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MappingError, MappingErrorCode } from './mapping.error';
import { MappingParser } from './mapping.parser';

const HEADER = [
  'id: sample',
  'version: 1.0.0',
  'source: { format: a, type: x }',
  'target: { format: b }',
  'rules:',
];

function parseError(lines: string[]): MappingError {
  try {
    new MappingParser().parse(lines.join('\n'), 'mappings/sample/mapping.yaml');
  } catch (error: unknown) {
    if (error instanceof MappingError) return error;
    throw error;
  }
  throw new Error('expected the mapping to be refused');
}

describe(MappingParser.name, () => {
  const sut = new MappingParser();

  it('compiles a valid mapping with the file and line of every rule', () => {
    const mapping = sut.parse(
      [
        ...HEADER,
        '  # a comment for integrators',
        '  - { from: a, to: b }',
        '  - to: c',
        '    value: 1',
      ].join('\n'),
      'm.yaml',
    );
    expect(mapping).toMatchObject({
      id: 'sample',
      version: '1.0.0',
      source: { format: 'a', type: 'x' },
      target: { format: 'b' },
    });
    expect(mapping.rules.map((rule) => rule.location)).toEqual(['m.yaml:7', 'm.yaml:8']);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const error = parseError([...HEADER, '  - { from: a, to: b', '  - { from: c, to: d }']);
    expect(error.code).toBe(MappingErrorCode.YamlSyntax);
    expect(error.file).toBe('mappings/sample/mapping.yaml');
    expect(error.line).toBeGreaterThanOrEqual(6);
    expect(error.column).toBeGreaterThan(0);
    expect(error.message).toContain('mappings/sample/mapping.yaml:');
  });

  it('reports duplicate keys as syntax errors', () => {
    expect(parseError([...HEADER, '  - { from: a, to: b, to: c }']).code).toBe(MappingErrorCode.YamlSyntax);
  });

  it('lists every issue of a file at once, in file order, each at its own line', () => {
    const error = parseError([
      ...HEADER,
      '  - { from: a }', // 6: no `to`
      '  - { from: b, to: c, transform: [shout] }', // 7: unknown transform
      '  - { from: __proto__.x, to: d }', // 8: unsafe path
      '  - { from: e, to: f, transform: [{ date: { to: roman } }] }', // 9: bad argument
      '  - { from: g, to: h, required: sometimes }', // 10: wrong type
      '  - { from: i, to: c }', // 11: duplicate target
      '  - { to: j }', // 12: neither from nor value
      '  - { from: k, to: l, tranform: [upper] }', // 13: typo
    ]);
    expect(error.issues.map((issue) => [issue.line, issue.code])).toEqual([
      [6, MappingErrorCode.TargetMissing],
      [7, MappingErrorCode.TransformUnknown],
      [8, MappingErrorCode.PathUnsafe],
      [9, MappingErrorCode.TransformInvalid],
      [10, MappingErrorCode.RuleInvalid],
      [11, MappingErrorCode.TargetDuplicate],
      [12, MappingErrorCode.RuleInvalid],
      [13, MappingErrorCode.RuleInvalid],
    ]);
    expect(error.code).toBe(MappingErrorCode.TargetMissing);
    expect(error.line).toBe(6);
    expect(error.issues.every((issue) => issue.file === 'mappings/sample/mapping.yaml')).toBe(true);
    expect(error.message).toContain('(+7 more)');
  });

  it('positions an issue in a nested rule and a nested transform', () => {
    const error = parseError([
      ...HEADER,
      '  - from: warrants',
      '    to: arrestWarrants',
      '    rules:',
      '      - { from: issuingCountry, to: constructor }',
      '      - from: charge',
      '        to: charge',
      '        each:',
      '          - upper',
      '          - { codelist: { map: { a: [b] } } }',
    ]);
    expect(error.issues.map((issue) => [issue.line, issue.code])).toEqual([
      [9, MappingErrorCode.PathUnsafe],
      [14, MappingErrorCode.TransformInvalid],
    ]);
  });

  it.each([
    [
      [
        'id: Bad Id',
        'version: 1.0.0',
        'source: { format: a }',
        'target: { format: b }',
        'rules: [{ from: a, to: b }]',
      ],
      1,
    ],
    [
      [
        'id: ok',
        'version: 1.0',
        'source: { format: a }',
        'target: { format: b }',
        'rules: [{ from: a, to: b }]',
      ],
      2,
    ],
    [['id: ok', 'version: 1.0.0', 'source: a', 'target: { format: b }', 'rules: [{ from: a, to: b }]'], 3],
    [['id: ok', 'version: 1.0.0', 'source: { format: a }', 'target: { format: b }', 'rules: []'], 5],
    [
      [
        'id: ok',
        'version: 1.0.0',
        'source: { format: a }',
        'target: { format: b }',
        'rules: [{ from: a, to: b }]',
        'extra: 1',
      ],
      6,
    ],
  ])('refuses a bad header %j at line %d', (lines, line) => {
    const error = parseError(lines);
    expect(error.code).toBe(MappingErrorCode.Invalid);
    expect(error.line).toBe(line);
  });

  it('refuses a document that is not a map, and an alias bomb', () => {
    expect(parseError(['- just a list']).code).toBe(MappingErrorCode.Invalid);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 8; level++) {
      bomb.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(', ')}]`,
      );
    }
    expect(parseError(bomb).code).toBe(MappingErrorCode.YamlSyntax);
  });

  it('refuses invalid paths in from and to', () => {
    const error = parseError([
      ...HEADER,
      '  - { from: a..b, to: c }',
      '  - { from: $context.x, to: $context.y }',
      '  - { from: a.0, to: b.0 }',
    ]);
    expect(error.issues.map((issue) => [issue.line, issue.code])).toEqual([
      [6, MappingErrorCode.PathInvalid],
      [7, MappingErrorCode.PathInvalid],
      [8, MappingErrorCode.PathInvalid],
    ]);
  });

  it('reads a file and reports an unreadable one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mapping-parser-'));
    const file = join(dir, 'mapping.yaml');
    await writeFile(file, [...HEADER, '  - { from: a, to: b }'].join('\n'));
    await expect(sut.parseFile(file)).resolves.toMatchObject({ id: 'sample', file });
    await expect(sut.parseFile(join(dir, 'missing.yaml'))).rejects.toMatchObject({
      code: MappingErrorCode.FileUnreadable,
    });
  });
  it('suggests the nearest known key, transform and argument for a typo', () => {
    const error = parseError([
      ...HEADER,
      '  - { from: a, to: b, tranform: [upper] }',
      '  - { from: c, to: d, transform: [uper] }',
      '  - { from: e, to: f, transform: [{ date: { to: interpl } }] }',
      '  - { from: g, to: h, transform: [shout] }',
    ]);
    expect(error.issues.map((issue) => [issue.line, issue.suggestion])).toEqual([
      [6, 'did you mean "transform"?'],
      [7, 'did you mean "upper"?'],
      [8, 'did you mean "interpol"?'],
      [9, expect.stringMatching(/^expected one of: date, country, codelist/u)],
    ]);
  });

  it('refuses an unknown format or type when the known formats are given, suggesting the nearest', () => {
    const known = { 'pcms-envelope': ['person.wanted', 'person.missing'], 'i247-notice': [] };
    const text = [
      'id: sample',
      'version: 1.0.0',
      'source: { format: pcms-envelop, type: person.wanted }',
      'target: { format: i247-notice, type: ANYTHING }',
      'rules: [{ from: a, to: b }]',
    ];
    const parse = (lines: string[]) => () =>
      new MappingParser(known).parse(lines.join('\n'), 'mappings/sample/mapping.yaml');
    expect(parse(text)).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({
            code: MappingErrorCode.FormatUnknown,
            line: 3,
            column: 19,
            suggestion: 'did you mean "pcms-envelope"?',
          }),
        ],
      }) as Error,
    );
    const wrongType = [...text];
    wrongType[2] = 'source: { format: pcms-envelope, type: person.wantd }';
    expect(parse(wrongType)).toThrow(
      expect.objectContaining({
        code: MappingErrorCode.TypeUnknown,
        issues: [expect.objectContaining({ suggestion: 'did you mean "person.wanted"?' })],
      }) as Error,
    );
  });
});

import { scanJsonStructure } from './json-structure.scanner';

describe(scanJsonStructure.name, () => {
  it('finds nothing in well-formed JSON without repeated keys', () => {
    const sut = scanJsonStructure('{"a":[{"a":1},{"a":"}\\"{"}],"b":{"a":[]}}', 32);

    expect(sut).toBeUndefined();
  });

  it('counts depth by containers, objects and arrays alike', () => {
    expect(scanJsonStructure('[[{"x":[1]}]]', 4)).toBeUndefined();
    expect(scanJsonStructure('[[{"x":[1]}]]', 3)).toEqual({
      kind: 'too-deep',
      maxDepth: 3,
      path: '[0][0].x',
    });
  });

  it('reports the first repeated key with its path, keys compared once decoded', () => {
    expect(scanJsonStructure('{"list":[0,{"k":1,"\\u006b":2}]}', 32)).toEqual({
      kind: 'duplicate-key',
      key: 'k',
      path: 'list[1].k',
    });
  });

  it('does not mistake string values, or keys of sibling objects, for repeated keys', () => {
    expect(scanJsonStructure('{"a":"a","b":"a","c":[{"a":1},{"a":2}]}', 32)).toBeUndefined();
  });

  it('leaves malformed text to JSON.parse, without throwing', () => {
    for (const text of ['', '}', ']]]', '{"a', '"\\', '{"a":1,"\\uZZZZ":2}', '[,,,]']) {
      expect(() => scanJsonStructure(text, 32)).not.toThrow();
    }
  });

  it('stops at the depth limit instead of growing its stack', () => {
    const sut = scanJsonStructure('['.repeat(1_000_000), 32);

    expect(sut).toMatchObject({ kind: 'too-deep' });
  });
});

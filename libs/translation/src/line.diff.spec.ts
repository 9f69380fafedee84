import { lineDiff, stableJson } from './line.diff';

describe(lineDiff.name, () => {
  it('marks removed and added lines with context around them only', () => {
    const expected = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].join('\n');
    const actual = ['a', 'b', 'c', 'D', 'e', 'f', 'g', 'h'].join('\n');
    expect(lineDiff(expected, actual, 1)).toBe(['  c', '- d', '+ D', '  e', '  g', '+ h'].join('\n'));
  });

  it('is empty of changes for equal texts', () => {
    expect(lineDiff('x\ny', 'x\ny')).toBe('');
  });
});

describe(stableJson.name, () => {
  it('prints equal trees the same whatever their key order', () => {
    expect(stableJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 3 } })).toBe(
      stableJson({ a: { c: 3, d: [2, { y: 2, z: 1 }] }, b: 1 }),
    );
  });
});

import { editDistance, nearestWord, suggestionFor } from './suggest';

describe(nearestWord.name, () => {
  const keys = ['from', 'to', 'value', 'required', 'transform', 'each', 'rules'];

  it.each([
    ['tranform', 'transform'],
    ['requird', 'required'],
    ['Rules', 'rules'],
    ['fro', 'from'],
    ['vaule', 'value'],
  ])('suggests %s → %s', (typo, expected) => {
    expect(nearestWord(typo, keys)).toBe(expected);
  });

  it('suggests nothing for a word that is not a slip of any known one', () => {
    expect(nearestWord('destination', keys)).toBeUndefined();
  });
});

describe(editDistance.name, () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('tpye', 'type')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe(suggestionFor.name, () => {
  it('lists every known word when none is near', () => {
    expect(suggestionFor('zzz', ['iso', 'interpol'])).toBe('expected one of: iso, interpol');
    expect(suggestionFor('interpl', ['iso', 'interpol'])).toBe('did you mean "interpol"?');
  });
});

import { MappingErrorCode } from '../mapping.error';
import { stripAccents, textTransforms } from './text.transforms';
import { captureMappingError, runTransforms } from './transform.spec-helper';

describe('textTransforms', () => {
  it.each([
    ['[upper]', 'Traoré', 'TRAORÉ'],
    ['[lower]', 'FRE', 'fre'],
    ['[trim]', '  Amadou   Ould  ', 'Amadou Ould'],
    ['[stripAccents]', "Côte d'Ivoire, Ségou", "Cote d'Ivoire, Segou"],
    ['[stripAccents, upper]', 'Kéïta', 'KEITA'],
    ['[split]', 'ML, NE ,,TD', ['ML', 'NE', 'TD']],
    ["[{ split: ';' }]", 'a;b', ['a', 'b']],
    ['[join]', ['Amadou', 'Moussa'], 'Amadou, Moussa'],
    ["[{ join: ' ' }]", ['Amadou', '', 'Moussa'], 'Amadou Moussa'],
  ])('%s turns %p into %p', (transform, input, expected) => {
    expect(runTransforms(transform, input)).toEqual(expected);
  });

  it('makes a value absent when trimming or splitting leaves nothing', () => {
    expect(runTransforms('[trim]', '   ')).toBeUndefined();
    expect(runTransforms('[split]', ' , ')).toBeUndefined();
  });

  it.each([
    ['[upper]', 42],
    ['[trim]', ['a']],
    ['[join]', 'not a list'],
    ['[join]', [{ nested: true }]],
  ])('%s refuses %p with a coded error', (transform, input) => {
    expect(captureMappingError(() => runTransforms(transform, input))).toMatchObject({
      code: MappingErrorCode.TransformFailed,
    });
  });

  it('refuses an empty separator when the mapping loads', () => {
    expect(captureMappingError(() => runTransforms("[{ split: '' }]", 'a'))).toMatchObject({
      code: MappingErrorCode.TransformInvalid,
    });
  });

  it('refuses an argument given to a transform that takes none', () => {
    expect(captureMappingError(() => runTransforms('[{ upper: yes }]', 'a'))).toMatchObject({
      code: MappingErrorCode.TransformInvalid,
    });
  });

  it('strips Arabic diacritics too', () => {
    expect(stripAccents('مُحَمَّد')).toBe('محمد');
    expect(Object.keys(textTransforms)).toEqual(['upper', 'lower', 'trim', 'stripAccents', 'split', 'join']);
  });
});

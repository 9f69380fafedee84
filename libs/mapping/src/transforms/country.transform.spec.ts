import { MappingErrorCode } from '../mapping.error';
import { countryTransform, normaliseCountryName, toCountryCode } from './country.transform';
import { captureMappingError, runTransforms } from './transform.spec-helper';

describe('countryTransform', () => {
  it.each([
    ['ML', 'ML'],
    ['ne', 'NE'],
    ['TCD', 'TD'],
    ['mrt', 'MR'],
    ['Tchad', 'TD'],
    ['TCHAD', 'TD'],
    ['Chad', 'TD'],
    ['Mauritanie', 'MR'],
    ["Côte d'Ivoire", 'CI'],
    ["cote d'ivoire", 'CI'],
    ['COTE-D IVOIRE', 'CI'],
    ['Ivory Coast', 'CI'],
    ['  Burkina Faso ', 'BF'],
    ['تشاد', 'TD'],
    ['Sénégal', 'SN'],
  ])('reads %s as %s', (input, expected) => {
    expect(runTransforms('[country]', input)).toBe(expected);
  });

  it('writes alpha-3 when asked', () => {
    expect(runTransforms('[{ country: { to: alpha3 } }]', 'Tchad')).toBe('TCD');
  });

  it.each(['Atlantis', 'XX', 'QQQ', ''])('rejects %p (an empty value is simply absent)', (input) => {
    if (input === '') {
      expect(runTransforms('[country]', input)).toBeUndefined();
      return;
    }
    expect(captureMappingError(() => runTransforms('[country]', input))).toMatchObject({
      code: MappingErrorCode.TransformFailed,
    });
  });

  it('rejects a number', () => {
    expect(captureMappingError(() => runTransforms('[country]', 12))).toMatchObject({
      code: MappingErrorCode.TransformFailed,
    });
  });

  it('rejects an unknown output', () => {
    expect(captureMappingError(() => runTransforms('[{ country: { to: name } }]', 'ML'))).toMatchObject({
      code: MappingErrorCode.TransformInvalid,
      line: 6,
    });
  });

  it('normalises names without accents, case or punctuation', () => {
    expect(normaliseCountryName("Côte-d'Ivoire")).toBe('cote d ivoire');
    expect(toCountryCode('mali')).toBe('ML');
    expect(countryTransform.argument).toBe('optional');
  });
});

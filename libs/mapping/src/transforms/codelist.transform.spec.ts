import { MappingErrorCode } from '../mapping.error';
import { codelistTransform } from './codelist.transform';
import { captureMappingError, runTransforms } from './transform.spec-helper';

const EYES = '[{ codelist: { map: { black: BLA, brown: BRO }, default: OTH } }]';

describe('codelistTransform', () => {
  it.each([
    ['black', 'BLA'],
    ['Brown', 'BRO'],
    [' BLACK ', 'BLA'],
    ['violet', 'OTH'],
  ])('maps %p to %p', (input, expected) => {
    expect(runTransforms(EYES, input)).toBe(expected);
  });

  it('fails on an unlisted value when there is no default', () => {
    expect(
      captureMappingError(() => runTransforms('[{ codelist: { map: { black: BLA } } }]', 'violet')),
    ).toMatchObject({ code: MappingErrorCode.TransformFailed, sourcePath: 'value' });
  });

  it('maps each element of a list with each', () => {
    expect(runTransforms(`[{ each: ${EYES} }]`, ['black', 'hazel'])).toEqual(['BLA', 'OTH']);
  });

  it.each([
    '[{ codelist: { black: BLA } }]',
    '[{ codelist: { map: { black: [BLA] } } }]',
    '[{ codelist: { map: {}, default: { x: 1 } } }]',
    '[{ codelist: { map: {}, fallback: OTH } }]',
    '[codelist]',
  ])('refuses the malformed code list %s when loading', (transform) => {
    expect(captureMappingError(() => runTransforms(transform, 'black'))).toMatchObject({
      code: MappingErrorCode.TransformInvalid,
    });
  });

  it('requires an argument', () => {
    expect(codelistTransform.argument).toBe('required');
  });
});

import { MappingErrorCode } from '../mapping.error';
import { structureTransforms } from './structure.transforms';
import { captureMappingError, runTransforms } from './transform.spec-helper';

describe('structureTransforms', () => {
  it('default fills an absent, null, empty or blank value but keeps a present one', () => {
    expect(runTransforms('[{ default: RP }]', undefined)).toBe('RP');
    expect(runTransforms('[{ default: RP }]', null)).toBe('RP');
    expect(runTransforms('[{ default: [] }]', [])).toEqual([]);
    expect(runTransforms('[trim, { default: unknown }]', '  ')).toBe('unknown');
    expect(runTransforms('[{ default: RP }]', 'NP-ML')).toBe('NP-ML');
  });

  it('default hands out a fresh copy every time', () => {
    const first = runTransforms('[{ default: [a] }]', undefined) as string[];
    first.push('changed');
    expect(runTransforms('[{ default: [a] }]', undefined)).toEqual(['a']);
  });

  it('list wraps a scalar and first unwraps a list', () => {
    expect(runTransforms('[list]', 'BLA')).toEqual(['BLA']);
    expect(runTransforms('[list]', ['BLA'])).toEqual(['BLA']);
    expect(runTransforms('[first]', ['BLA', 'BRO'])).toBe('BLA');
    expect(runTransforms('[first]', 'BLA')).toBe('BLA');
  });

  it('each applies a list per element, drops absent results and needs a list', () => {
    expect(runTransforms('[{ each: [trim, upper] }]', ['fre', ' ', 'ara'])).toEqual(['FRE', 'ARA']);
    expect(runTransforms('[{ split: "," }, { each: [country] }]', 'Mali, Tchad')).toEqual(['ML', 'TD']);
    expect(captureMappingError(() => runTransforms('[{ each: [upper] }]', 'fre'))).toMatchObject({
      code: MappingErrorCode.TransformFailed,
    });
  });

  it('refuses default without a value and each without a list', () => {
    expect(captureMappingError(() => runTransforms('[{ default: null }]', 'x'))).toMatchObject({
      code: MappingErrorCode.TransformInvalid,
    });
    expect(captureMappingError(() => runTransforms('[{ each: upper }]', ['x']))).toMatchObject({
      code: MappingErrorCode.TransformInvalid,
    });
    expect(Object.keys(structureTransforms)).toEqual(['default', 'list', 'first', 'each']);
  });
});

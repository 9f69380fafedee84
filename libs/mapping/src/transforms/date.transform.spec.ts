import { MappingError, MappingErrorCode } from '../mapping.error';
import { dateTransform, formatPartialDate, parsePartialDate } from './date.transform';
import { runTransforms } from './transform.spec-helper';

describe('dateTransform', () => {
  it.each([
    ['1985', 'iso', '1985'],
    ['1985-03', 'iso', '1985-03'],
    ['1985-03-07', 'iso', '1985-03-07'],
    ['07/03/1985', 'iso', '1985-03-07'],
    ['7.3.1985', 'iso', '1985-03-07'],
    ['1985/03/07', 'iso', '1985-03-07'],
    ['1985/03', 'iso', '1985-03'],
    ['1985-03-07', 'interpol', '1985/03/07'],
    ['1985-03', 'interpol', '1985/03'],
    ['1985', 'interpol', '1985'],
    ['29/02/2024', 'interpol', '2024/02/29'],
    ['2025-03-01T23:30:00-01:00', 'interpol', '2025/03/02'],
    ['2025-03-01T10:00:00Z', 'iso', '2025-03-01'],
  ])('reads %s and writes it in %s style as %s', (input, style, expected) => {
    expect(runTransforms(`[{ date: { to: ${style} } }]`, input)).toBe(expected);
  });

  it('keeps a year given as a number a year', () => {
    expect(runTransforms('[{ date: { to: interpol } }]', 1978)).toBe('1978');
  });

  it('defaults to ISO output when written as a bare name', () => {
    expect(runTransforms('[date]', '1985/03/07')).toBe('1985-03-07');
  });

  it.each([
    '31/02/1985',
    '1985-13',
    '2023/02/29',
    '1985-00-10',
    'yesterday',
    '03/07/85',
    '2025-03-01T10:00:00',
  ])('fails on %s with a coded error', (input) => {
    const failure = captureError(() => runTransforms('[date]', input));
    expect(failure).toBeInstanceOf(MappingError);
    expect(failure).toMatchObject({
      code: MappingErrorCode.TransformFailed,
      rule: 'transform.yaml:6',
      sourcePath: 'value',
    });
  });

  it('fails on a non-string value', () => {
    expect(captureError(() => runTransforms('[date]', { year: 1985 }))).toMatchObject({
      code: MappingErrorCode.TransformFailed,
    });
  });

  it('formats and parses symmetrically', () => {
    expect(formatPartialDate(parsePartialDate('1990/12'), 'iso')).toBe('1990-12');
    expect(parsePartialDate('1990')).toEqual({ year: 1990 });
  });

  it('declares an optional argument', () => {
    expect(dateTransform.argument).toBe('optional');
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected an error');
}

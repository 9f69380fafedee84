import {
  isAbsoluteUri,
  isCountryCode,
  isLanguageCode,
  isPartialDate,
  isZonedDateTime,
} from './pcms-constraints.validators';

describe(isPartialDate.name, () => {
  it.each(['1979', '1984-03', '1984-03-17', '2024-02-29'])('accepts %s', (value) => {
    expect(isPartialDate(value)).toBe(true);
  });

  it.each([
    '1984-13',
    '1984-00',
    '2023-02-29',
    '1984-04-31',
    '0000',
    '84',
    '17/03/1984',
    '1984-3-17',
    '1984-03-17T00:00',
    1984,
  ])('rejects %p', (value) => {
    expect(isPartialDate(value)).toBe(false);
  });
});

describe(isZonedDateTime.name, () => {
  it.each([
    '2024-05-02T09:14:27Z',
    '2024-05-02T09:14:27.350Z',
    '2024-03-09T07:55:12+01:00',
    '2024-03-09T07:55:12-05:30',
  ])('accepts %s', (value) => {
    expect(isZonedDateTime(value)).toBe(true);
  });

  it.each([
    '2024-05-02T09:14:27',
    '2024-05-02',
    '2024-02-30T10:00:00Z',
    '2024-05-02T24:00:00Z',
    '2024-05-02T09:14:27+25:00',
    '2024-05-02 09:14:27Z',
  ])('rejects %s', (value) => {
    expect(isZonedDateTime(value)).toBe(false);
  });
});

describe(isCountryCode.name, () => {
  it.each(['ML', 'NE', 'BF', 'TD', 'MR', 'FR'])('accepts %s', (value) => {
    expect(isCountryCode(value)).toBe(true);
  });

  it.each(['ml', 'MLI', 'XX', 'NIG', 'EU', '', null])('rejects %p', (value) => {
    expect(isCountryCode(value)).toBe(false);
  });
});

describe(isLanguageCode.name, () => {
  it('takes three lower-case letters only', () => {
    expect(isLanguageCode('bam')).toBe(true);
    expect(isLanguageCode('FRE')).toBe(false);
    expect(isLanguageCode('fr')).toBe(false);
  });
});

describe(isAbsoluteUri.name, () => {
  it('accepts absolute URIs and refuses relative references', () => {
    expect(isAbsoluteUri('https://photos.example/a.jpg')).toBe(true);
    expect(isAbsoluteUri('urn:uuid:4f736d0b-c5f4-4a31-8b23-be0bdcdb201f')).toBe(true);
    expect(isAbsoluteUri('photos/a.jpg')).toBe(false);
    expect(isAbsoluteUri('https://photos.example/a b.jpg')).toBe(false);
  });
});

import {
  CLASSIFICATIONS,
  PLATFORM_IDS,
  classificationRank,
  isPartyId,
  isPlatformId,
  platformCountry,
  platformForCountry,
} from './envelope.constants';

describe(isPlatformId.name, () => {
  it.each(PLATFORM_IDS)('accepts %s', (id) => {
    expect(isPlatformId(id)).toBe(true);
  });

  it.each(['INTERPOL', 'GATEWAY', 'NP-SN', 'np-ml', '', null, 42])('rejects %p', (value) => {
    expect(isPlatformId(value)).toBe(false);
  });
});

describe(isPartyId.name, () => {
  it('accepts the platforms and INTERPOL, not the gateway', () => {
    expect(isPartyId('INTERPOL')).toBe(true);
    expect(isPartyId('RP')).toBe(true);
    expect(isPartyId('GATEWAY')).toBe(false);
  });
});

describe(platformCountry.name, () => {
  it('maps a national platform to its ISO 3166-1 alpha-2 country', () => {
    expect(platformCountry('NP-ML')).toBe('ML');
    expect(platformCountry('NP-TD')).toBe('TD');
  });

  it('gives the regional platform no country', () => {
    expect(platformCountry('RP')).toBeUndefined();
  });
});

describe(platformForCountry.name, () => {
  it('finds the national platform of a G5 country', () => {
    expect(platformForCountry('ML')).toBe('NP-ML');
    expect(platformForCountry('NE')).toBe('NP-NE');
  });

  it.each(['SN', 'ml', 'P', ''])('finds none for %p', (country) => {
    expect(platformForCountry(country)).toBeUndefined();
  });

  it('is the inverse of platformCountry for every national platform', () => {
    for (const id of PLATFORM_IDS) {
      const country = platformCountry(id);
      if (country !== undefined) expect(platformForCountry(country)).toBe(id);
    }
  });
});

describe(classificationRank.name, () => {
  it('orders UNCLASSIFIED < RESTRICTED < CONFIDENTIAL < SECRET', () => {
    const ranks = CLASSIFICATIONS.map(classificationRank);

    expect(ranks).toEqual([0, 1, 2, 3]);
    expect(classificationRank('SECRET')).toBeGreaterThan(classificationRank('RESTRICTED'));
  });
});

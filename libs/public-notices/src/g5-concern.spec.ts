import type { PcmsEnvelope } from '@pcms/envelope';
import { g5Concern } from './g5-concern';

/** Only the payload matters to the filter; the rest of the envelope is the translator's business. */
const envelopeOf = (type: string, payload: object) => ({ type, payload }) as unknown as PcmsEnvelope;

describe(g5Concern.name, () => {
  describe('red notice (person.wanted)', () => {
    it('concerns the G5 by a G5 nationality or a G5 warrant-issuing country, each named once', () => {
      const sut = envelopeOf('person.wanted', {
        subject: { nationalities: ['FR', 'ML'] },
        warrants: [{ issuingCountry: 'NE' }, { issuingCountry: 'NE' }, { issuingCountry: 'FR' }],
      });
      expect(g5Concern(sut)).toEqual(['nationality ML', 'warrant NE']);
    });

    it('a foreigner wanted by a G5 country only concerns it by the warrant', () => {
      const sut = envelopeOf('person.wanted', {
        subject: { nationalities: ['DZ'] },
        warrants: [{ issuingCountry: 'MR' }],
      });
      expect(g5Concern(sut)).toEqual(['warrant MR']);
    });

    it('does not concern the G5 when neither nationality nor warrant is of a G5 country', () => {
      const sut = envelopeOf('person.wanted', {
        subject: { nationalities: ['FR', 'BE'] },
        warrants: [{ issuingCountry: 'FR' }, {}],
      });
      expect(g5Concern(sut)).toEqual([]);
    });
  });

  describe('yellow notice (person.missing)', () => {
    it('concerns the G5 by a disappearance in a G5 country, whatever the nationality', () => {
      const sut = envelopeOf('person.missing', {
        subject: { nationalities: ['FR'] },
        disappearance: { country: 'ML' },
      });
      expect(g5Concern(sut)).toEqual(['disappearance ML']);
    });

    it('concerns the G5 by a G5 nationality when the place of disappearance is unknown', () => {
      const sut = envelopeOf('person.missing', {
        subject: { nationalities: ['NG', 'NE'] },
        disappearance: {},
      });
      expect(g5Concern(sut)).toEqual(['nationality NE']);
    });

    it('does not concern the G5 when a foreigner disappears abroad', () => {
      const sut = envelopeOf('person.missing', {
        subject: { nationalities: ['FR'] },
        disappearance: { country: 'SN' },
      });
      expect(g5Concern(sut)).toEqual([]);
    });
  });

  describe('UN special notice (sanctions.un)', () => {
    it('a person concerns the G5 by an identity document issued by a G5 country', () => {
      const sut = envelopeOf('sanctions.un', {
        subject: { nationalities: ['DZ'] },
        identityDocuments: [{ issuingCountry: 'DZ' }, { issuingCountry: 'BF' }],
      });
      expect(g5Concern(sut)).toEqual(['identity-document BF']);
    });

    it('a person concerns the G5 by a G5 nationality', () => {
      const sut = envelopeOf('sanctions.un', { subject: { nationalities: ['TD', 'SD'] } });
      expect(g5Concern(sut)).toEqual(['nationality TD']);
    });

    it('a person with neither does not concern the G5', () => {
      const sut = envelopeOf('sanctions.un', {
        subject: { nationalities: ['AF'] },
        identityDocuments: [{ issuingCountry: 'PK' }],
      });
      expect(g5Concern(sut)).toEqual([]);
    });

    it('an entity concerns the G5 by an address whose last part names a G5 country', () => {
      const sut = envelopeOf('sanctions.un', {
        entity: { addresses: ['Rue 12, Gao, Mali', 'Tripoli, Libya', 'Niamey, Niger'] },
      });
      expect(g5Concern(sut)).toEqual(['address ML', 'address NE']);
    });

    it('an entity concerns the G5 by a G5 country named inside an address ("Northern Mali")', () => {
      const sut = envelopeOf('sanctions.un', {
        entity: { addresses: ['Northern Mali', 'Sahel region', 'Est du Burkina Faso'] },
      });
      expect(g5Concern(sut)).toEqual(['address ML', 'address BF']);
    });

    it('reads the address forms the UN list really uses, and names both countries of a border area', () => {
      const entity = envelopeOf('sanctions.un', {
        entity: { addresses: ['Northern Burkina Faso', 'Mali-Niger border area'] },
      });
      expect(g5Concern(entity)).toEqual(['address BF', 'address ML', 'address NE']);
    });

    it('a person concerns the G5 by an address ("Agadez, Niger", "Tessalit, région de Kidal, MALI")', () => {
      const sut = envelopeOf('sanctions.un', {
        subject: { nationalities: ['DZ'], addresses: ['Agadez, Niger', 'Tessalit, région de Kidal, MALI'] },
      });
      expect(g5Concern(sut)).toEqual(['address NE', 'address ML']);
    });

    it('an entity whose addresses name no G5 country, nor hold short words read as codes, does not', () => {
      const sut = envelopeOf('sanctions.un', {
        entity: { addresses: ['Rue de la Ne, Tripoli, Libya', 'Sahel region', 'Td Street, Karachi'] },
      });
      expect(g5Concern(sut)).toEqual([]);
    });
  });

  it('an envelope without payload concerns nobody', () => {
    expect(g5Concern({ type: 'person.wanted' } as unknown as PcmsEnvelope)).toEqual([]);
  });
});

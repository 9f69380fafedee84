import { join } from 'node:path';
import { loadPolicy } from '@pcms/config';
import type {
  MessageType,
  PayloadOf,
  PcmsEnvelope,
  PersonWantedPayload,
  PlatformId,
  ResponseInformationPayload,
} from '@pcms/envelope';
import { decideInbound } from './inbound.policy';

function redNotice(nationalities: string[], warrantCountries: string[]): PcmsEnvelope<PersonWantedPayload> {
  return {
    id: '0b7e6a52-3d1c-4f8e-9a2b-6c5d4e3f2a10',
    version: '1.0',
    type: 'person.wanted',
    sender: 'INTERPOL',
    recipients: ['RP'],
    classification: 'RESTRICTED',
    handling: { releasableTo: [], originatorConsent: false },
    createdAt: '2026-11-20T10:00:00Z',
    payload: {
      subject: { familyName: 'TRAORE', nationalities },
      warrants: warrantCountries.map((issuingCountry, index) => ({
        reference: `W-${index}`,
        issuingCountry,
        charge: 'terrorism',
      })),
    },
  };
}

/** An inbound notice of `type` whose payload the compiler checks against the contract. */
function inboundOf<T extends MessageType>(type: T, payload: PayloadOf<T>): PcmsEnvelope {
  return { ...redNotice([], []), type, payload };
}

const REQUEST_ID = '5f0c7d1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f';

function replyTo(requestId: string, nationalities: string[]): PcmsEnvelope<ResponseInformationPayload> {
  return {
    ...redNotice([], []),
    type: 'response.information',
    inReplyTo: requestId,
    payload: {
      response: { subjectLine: 'Identité confirmée', text: 'La personne est connue de nos services.' },
      subject: { familyName: 'MAIGA', nationalities },
    },
  };
}

// The rules as shipped in config/policy.yaml: these specs pin its default behaviour.
const shippedPolicy = loadPolicy({ rootDir: join(__dirname, '..', '..', '..') });

describe(decideInbound.name, () => {
  it('sends a Malian national wanted by Niger to NP-ML, NP-NE and RP', () => {
    const sut = decideInbound(redNotice(['ML'], ['NE']), shippedPolicy);

    expect(sut.platforms).toEqual(['NP-ML', 'NP-NE', 'RP']);
    expect(sut.verdicts.map((verdict) => verdict.rule)).toEqual([
      'inbound.nationality',
      'inbound.warrant-country',
      'inbound.regional-platform',
    ]);
  });

  it('sends a notice naming no G5 country to the regional platform only', () => {
    const sut = decideInbound(redNotice(['FR', 'SN'], ['FR']), shippedPolicy);

    expect(sut.platforms).toEqual(['RP']);
  });

  it('sends a reply to the platform that asked and RP, not to the platforms of its subject', () => {
    const sut = decideInbound(replyTo(REQUEST_ID, ['NE']), shippedPolicy, { requester: 'NP-ML' });
    expect(sut.platforms).toEqual(['NP-ML', 'RP']);
    expect(sut.verdicts).toEqual([
      { rule: 'inbound.requester', detail: `in reply to ${REQUEST_ID}, requested by NP-ML → NP-ML` },
      { rule: 'inbound.regional-platform', detail: 'every inbound notice → RP' },
    ]);
  });

  it('sends a reply to an unknown request to RP only and says why', () => {
    const sut = decideInbound(replyTo(REQUEST_ID, ['ML']), shippedPolicy);
    expect(sut.platforms).toEqual(['RP']);
    expect(sut.verdicts[0]).toEqual({
      rule: 'inbound.requester',
      detail: expect.stringContaining(`in reply to ${REQUEST_ID}, a request the gateway did not send`),
    });
  });

  it('sends an inbound request for information by the nationality of its subject', () => {
    const request = { ...replyTo(REQUEST_ID, ['TD']), type: 'request.information' as const };
    expect(decideInbound(request, shippedPolicy).platforms).toEqual(['NP-TD', 'RP']);
  });

  // Each type's field that says where the facts happened, with people of no (or another) G5 country,
  // so that only the place can name the national platform.
  it.each<[string, PcmsEnvelope, PlatformId[], string[]]>([
    [
      'a body found in Niger (body.foundCountry)',
      inboundOf('body.unidentified', {
        body: { description: 'Homme adulte', foundCountry: 'NE' },
        possibleIdentity: { familyName: 'OKAFOR', nationalities: ['NG'] },
      }),
      ['NP-NE', 'RP'],
      ['body found in NE → NP-NE'],
    ],
    [
      'a hazard detected in Mali (hazard.country)',
      inboundOf('alert.hazard', {
        hazard: { kind: 'parcel-bomb', description: 'Colis piégé', country: 'ML' },
      }),
      ['NP-ML', 'RP'],
      ['hazard in ML → NP-ML'],
    ],
    [
      'a Frenchman missing in Mali (disappearance.country)',
      inboundOf('person.missing', {
        subject: { familyName: 'MARTIN', nationalities: ['FR'] },
        disappearance: { place: 'Tombouctou', country: 'ML' },
      }),
      ['NP-ML', 'RP'],
      ['disappearance in ML → NP-ML'],
    ],
    [
      'a modus operandi seen in Chad, Libya and Niger (modusOperandi.countries, in order)',
      inboundOf('modus-operandi', {
        modusOperandi: {
          offence: 'Trafic de carburant',
          description: 'Citernes',
          countries: ['TD', 'LY', 'NE'],
        },
      }),
      ['NP-TD', 'NP-NE', 'RP'],
      ['modus operandi in TD → NP-TD', 'modus operandi in NE → NP-NE'],
    ],
    [
      'a Senegalese last known in Burkina Faso (inquiry.lastKnownCountry)',
      inboundOf('person.information', {
        subject: { familyName: 'NDIAYE', nationalities: ['SN'] },
        inquiry: { purpose: 'Localiser', lastKnownCountry: 'BF' },
      }),
      ['NP-BF', 'RP'],
      ['last known in BF → NP-BF'],
    ],
    [
      'a threat from a Frenchman acting in Mauritania (facts.country)',
      inboundOf('alert.threat', {
        subject: { familyName: 'DURAND', nationalities: ['FR'] },
        threat: { category: 'terrorism', description: 'Recrutement' },
        facts: { summary: 'Recrutement à Nouakchott', country: 'MR' },
      }),
      ['NP-MR', 'RP'],
      ['facts in MR → NP-MR'],
    ],
    [
      'a Frenchman wanted by France for facts in Chad (facts.country)',
      inboundOf('person.wanted', {
        subject: { familyName: 'PETIT', nationalities: ['FR'] },
        warrants: [{ reference: 'W-1', issuingCountry: 'FR', charge: 'kidnapping' }],
        facts: { summary: 'Enlèvement à Abéché', country: 'TD' },
      }),
      ['NP-TD', 'RP'],
      ['facts in TD → NP-TD'],
    ],
    [
      'a UN-listed entity based in Agadez, Niger (entity.addresses)',
      inboundOf('sanctions.un', {
        un: { reference: 'QDe.141' },
        entity: { name: 'AL-MOURABITOUN', addresses: ['Agadez, Niger', 'Sahel region'] },
      }),
      ['NP-NE', 'RP'],
      ['address in NE → NP-NE'],
    ],
    [
      'a UN-listed Algerian living in Tessalit, région de Kidal, MALI (subject.addresses)',
      inboundOf('sanctions.un', {
        un: { reference: 'QDi.432' },
        subject: {
          familyName: 'BELMOKHTAR',
          nationalities: ['DZ'],
          addresses: ['Tessalit, région de Kidal, MALI'],
        },
      }),
      ['NP-ML', 'RP'],
      ['address in ML → NP-ML'],
    ],
    [
      'a UN-listed entity of Northern Burkina Faso and the Mali-Niger border area (both countries)',
      inboundOf('sanctions.un', {
        un: { reference: 'QDe.159' },
        entity: { name: 'ANSARUL ISLAM', addresses: ['Northern Burkina Faso', 'Mali-Niger border area'] },
      }),
      ['NP-BF', 'NP-ML', 'NP-NE', 'RP'],
      ['address in BF → NP-BF', 'address in ML → NP-ML', 'address in NE → NP-NE'],
    ],
    [
      'a UN-listed Libyan holding a Chadian passport (identityDocuments.issuingCountry)',
      inboundOf('sanctions.un', {
        un: { reference: 'QDi.500' },
        subject: { familyName: 'AL-SHARIF', nationalities: ['LY'] },
        identityDocuments: [{ type: 'Passport', number: 'T0123', issuingCountry: 'TD' }],
      }),
      ['NP-TD', 'RP'],
      ['identity document issued by TD → NP-TD'],
    ],
  ])('sends %s to that country’s platform and RP', (_case, notice, platforms, eventVerdicts) => {
    const sut = decideInbound(notice, shippedPolicy);

    expect(sut.platforms).toEqual(platforms);
    expect(sut.verdicts.filter((verdict) => verdict.rule === 'inbound.event-country')).toEqual(
      eventVerdicts.map((detail) => ({ rule: 'inbound.event-country', detail })),
    );
  });

  it('names no platform for facts outside the G5, nor for a block the type does not have', () => {
    const senegal = inboundOf('alert.hazard', {
      hazard: { kind: 'weapon', description: 'Fusils', country: 'SN' },
    });
    // A sanctions.un payload has no facts: a stray block there is not read as a place.
    const stray = inboundOf('sanctions.un', { un: { reference: 'QDi.1' }, entity: { name: 'X' } });
    Object.assign(stray.payload as object, { facts: { summary: 'n/a', country: 'ML' } });

    expect(decideInbound(senegal, shippedPolicy).platforms).toEqual(['RP']);
    expect(decideInbound(stray, shippedPolicy).platforms).toEqual(['RP']);
  });

  it('routes a malformed payload by what it has instead of throwing', () => {
    const bodyless = { ...inboundOf('body.unidentified', { body: { description: 'x' } }), payload: {} };

    expect(decideInbound(bodyless, shippedPolicy).platforms).toEqual(['RP']);
  });

  it('names each platform once even when several rules point to it', () => {
    const sut = decideInbound(redNotice(['TD', 'ML'], ['TD', 'TD']), shippedPolicy);

    expect(sut.platforms).toEqual(['NP-TD', 'NP-ML', 'RP']);
  });
});

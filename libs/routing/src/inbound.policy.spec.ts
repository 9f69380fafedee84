import { join } from 'node:path';
import { loadPolicy } from '@pcms/config';
import type { PcmsEnvelope, PersonWantedPayload } from '@pcms/envelope';
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

  it('names each platform once even when several rules point to it', () => {
    const sut = decideInbound(redNotice(['TD', 'ML'], ['TD', 'TD']), shippedPolicy);

    expect(sut.platforms).toEqual(['NP-TD', 'NP-ML', 'RP']);
  });
});

import { join } from 'node:path';
import { loadPolicy } from '@pcms/config';
import type { PcmsEnvelope, PersonWantedPayload, ResponseInformationPayload } from '@pcms/envelope';
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

  it('names each platform once even when several rules point to it', () => {
    const sut = decideInbound(redNotice(['TD', 'ML'], ['TD', 'TD']), shippedPolicy);

    expect(sut.platforms).toEqual(['NP-TD', 'NP-ML', 'RP']);
  });
});

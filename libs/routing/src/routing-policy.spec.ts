import type { PcmsEnvelope } from '@pcms/envelope';
import { decideInbound } from './inbound.policy';
import { decideOutbound } from './outbound.policy';
import { RoutingRefusalCode } from './routing-decision';
import type { OutboundRule, RoutingPolicy } from './routing-policy';

// The decisions under policies other than the shipped one: each condition kind alone, their
// conjunction, rule order, and inbound targets. The shipped defaults are pinned in the other specs.

function envelope(overrides: Partial<PcmsEnvelope>): PcmsEnvelope {
  return {
    id: '3c9e1a7b-5d2f-4e8a-b6c0-7f1e2d3c4b5a',
    version: '1.0',
    type: 'person.wanted',
    sender: 'NP-NE',
    recipients: ['INTERPOL'],
    classification: 'RESTRICTED',
    handling: { releasableTo: ['INTERPOL'], originatorConsent: true },
    createdAt: '2026-11-20T10:00:00Z',
    payload: {
      subject: { familyName: 'DIALLO', nationalities: ['BF'] },
      warrants: [{ reference: 'W-1', issuingCountry: 'MR', charge: 'terrorism' }],
    },
    ...overrides,
  };
}

function policyOf(...outbound: OutboundRule[]): RoutingPolicy {
  return { version: 1, outbound, inbound: [], judicial: [] };
}

const refuse = (name: string, when: OutboundRule['when']): OutboundRule => ({
  name,
  when,
  decision: 'refuse',
});

describe('routing policy', () => {
  describe(decideOutbound.name, () => {
    it.each<[string, OutboundRule['when'], Partial<PcmsEnvelope>, Partial<PcmsEnvelope>]>([
      ['type', { type: ['alert.threat'] }, { type: 'alert.threat' }, { type: 'person.wanted' }],
      ['typeNotIn', { typeNotIn: ['person.wanted'] }, { type: 'person.missing' }, {}],
      [
        'notReleasableTo',
        { notReleasableTo: 'INTERPOL' },
        { handling: { releasableTo: [], originatorConsent: true } },
        {},
      ],
      [
        'classificationAbove',
        { classificationAbove: 'UNCLASSIFIED' },
        {},
        { classification: 'UNCLASSIFIED' },
      ],
      [
        'originatorConsent',
        { originatorConsent: false },
        { handling: { releasableTo: ['INTERPOL'], originatorConsent: false } },
        {},
      ],
    ])('refuses by %s when it holds and releases when it does not', (_kind, when, matching, other) => {
      const policy = policyOf(refuse('custom', when));

      const refused = decideOutbound(envelope(matching), policy);
      const released = decideOutbound(envelope(other), policy);

      expect(refused.refusals).toEqual([
        { code: RoutingRefusalCode.POLICY_REFUSED, rule: 'outbound.custom', reason: expect.any(String) },
      ]);
      expect(refused.networks).toEqual([]);
      expect(released.networks).toEqual(['INTERPOL']);
      expect(released.verdicts.map((verdict) => verdict.rule)).toEqual(['outbound.release-to-interpol']);
    });

    it('matches a rule only when every one of its conditions holds', () => {
      const sut = policyOf(
        refuse('secret-alerts', { type: ['alert.threat'], classificationAbove: 'RESTRICTED' }),
      );

      expect(decideOutbound(envelope({ type: 'alert.threat' }), sut).networks).toEqual(['INTERPOL']);
      expect(
        decideOutbound(envelope({ type: 'alert.threat', classification: 'CONFIDENTIAL' }), sut).refusals,
      ).toHaveLength(1);
    });

    it('lets a deployment raise the ceiling: CONFIDENTIAL released, SECRET refused with its code and reason', () => {
      const sut = policyOf({
        name: 'classification-ceiling',
        when: { classificationAbove: 'CONFIDENTIAL' },
        decision: 'refuse',
        code: RoutingRefusalCode.CLASSIFICATION_TOO_HIGH,
        reason: 'above the agreed ceiling',
      });

      expect(decideOutbound(envelope({ classification: 'CONFIDENTIAL' }), sut).networks).toEqual([
        'INTERPOL',
      ]);
      expect(decideOutbound(envelope({ classification: 'SECRET' }), sut).refusals).toEqual([
        {
          code: RoutingRefusalCode.CLASSIFICATION_TOO_HIGH,
          rule: 'outbound.classification-ceiling',
          reason: 'above the agreed ceiling (SECRET is above CONFIDENTIAL)',
        },
      ]);
    });

    it('decides by the first matching rule: a release before a refusal wins, and is named', () => {
      const sut = policyOf(
        { name: 'sanctions-always', when: { type: ['sanctions.un'] }, decision: 'release' },
        refuse('supported-type', { typeNotIn: ['person.wanted'] }),
      );

      const released = decideOutbound(envelope({ type: 'sanctions.un' }), sut);
      const refused = decideOutbound(envelope({ type: 'alert.hazard' }), sut);

      expect(released.networks).toEqual(['INTERPOL']);
      expect(released.verdicts.map((verdict) => verdict.rule)).toEqual(['outbound.sanctions-always']);
      expect(refused.refusals.map((refusal) => refusal.rule)).toEqual(['outbound.supported-type']);
    });

    it('releases everything under a policy without outbound rules', () => {
      const sut = decideOutbound(envelope({ type: 'incident.report', classification: 'SECRET' }), policyOf());

      expect(sut.networks).toEqual(['INTERPOL']);
    });
  });

  describe(decideInbound.name, () => {
    it('routes only where the policy says: warrant countries, then a fixed platform', () => {
      const sut = decideInbound(envelope({ sender: 'INTERPOL' }), {
        version: 1,
        outbound: [],
        judicial: [],
        inbound: [
          { name: 'warrant-country', to: { platformOf: 'warrantCountries' } },
          { name: 'chad-desk', to: { platform: 'NP-TD' } },
        ],
      });

      expect(sut.platforms).toEqual(['NP-MR', 'NP-TD']);
      expect(sut.verdicts.map((verdict) => verdict.rule)).toEqual([
        'inbound.warrant-country',
        'inbound.chad-desk',
      ]);
    });

    it('routes by where the facts happened alone when that is the only rule', () => {
      const hazard = envelope({
        sender: 'INTERPOL',
        type: 'alert.hazard',
        payload: {
          hazard: { kind: 'weapon', description: 'Cache d’armes', country: 'ML' },
          subject: { familyName: 'DIALLO', nationalities: ['BF'] },
        },
      });

      const sut = decideInbound(hazard, {
        version: 1,
        outbound: [],
        judicial: [],
        inbound: [{ name: 'where', to: { platformOf: 'eventCountries' } }],
      });

      expect(sut).toEqual({
        platforms: ['NP-ML'],
        verdicts: [{ rule: 'inbound.where', detail: 'hazard in ML → NP-ML' }],
      });
    });
  });
});

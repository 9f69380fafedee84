import { join } from 'node:path';
import { loadPolicy } from '@pcms/config';
import { MESSAGE_TYPES, type PcmsEnvelope } from '@pcms/envelope';
import { decideOutbound } from './outbound.policy';
import { RoutingRefusalCode } from './routing-decision';

function envelope(overrides: Partial<PcmsEnvelope>): PcmsEnvelope {
  return {
    id: '7a1c2f4e-9b0d-4c3a-8e5f-1d2c3b4a5f60',
    version: '1.0',
    type: 'person.wanted',
    sender: 'NP-ML',
    recipients: ['INTERPOL'],
    classification: 'RESTRICTED',
    handling: { releasableTo: ['INTERPOL'], originatorConsent: true },
    createdAt: '2026-11-20T10:00:00Z',
    payload: {},
    ...overrides,
  };
}

// The rules as shipped in config/policy.yaml: these specs pin its default behaviour.
const shippedPolicy = loadPolicy({ rootDir: join(__dirname, '..', '..', '..') });

describe(decideOutbound.name, () => {
  it('releases a releasable person.wanted to INTERPOL and names the rule', () => {
    const sut = decideOutbound(envelope({}), shippedPolicy);

    expect(sut.networks).toEqual(['INTERPOL']);
    expect(sut.refusals).toEqual([]);
    expect(sut.verdicts.map((verdict) => verdict.rule)).toEqual(['outbound.release-to-interpol']);
  });

  it.each([
    [{ handling: { releasableTo: [], originatorConsent: false } }, RoutingRefusalCode.NOT_RELEASABLE],
    [{ classification: 'CONFIDENTIAL' as const }, RoutingRefusalCode.CLASSIFICATION_TOO_HIGH],
    [{ type: 'incident.report' as const }, RoutingRefusalCode.NEVER_RELEASED],
  ])('refuses %j with %s', (overrides, code) => {
    const sut = decideOutbound(envelope(overrides), shippedPolicy);

    expect(sut.networks).toEqual([]);
    expect(sut.refusals.map((refusal) => refusal.code)).toEqual([code]);
    expect(sut.refusals[0].reason.length).toBeGreaterThan(10);
  });

  it.each(MESSAGE_TYPES.filter((type) => type !== 'incident.report'))(
    'releases %s: every type with an I-24/7 counterpart is supported',
    (type) => {
      const sut = decideOutbound(envelope({ type }), shippedPolicy);
      expect(sut.networks).toEqual(['INTERPOL']);
    },
  );

  it('holds for two operators what the originator did not consent to release, and still delivers to PCMS', () => {
    const withoutConsent = envelope({
      recipients: ['INTERPOL', 'RP'],
      handling: { releasableTo: ['INTERPOL'], originatorConsent: false },
    });

    const sut = decideOutbound(withoutConsent, shippedPolicy);

    expect(sut.networks).toEqual([]);
    expect(sut.refusals).toEqual([]);
    expect(sut.platforms).toEqual(['RP']);
    expect(sut.holds).toEqual([
      {
        network: 'INTERPOL',
        rule: 'outbound.originator-consent',
        reason: expect.stringContaining('handling.originatorConsent is false'),
        approvals: 2,
        expiresAfterMs: 24 * 3_600_000,
      },
    ]);
    expect(sut.verdicts.map((verdict) => verdict.rule)).toContain('outbound.originator-consent');
  });

  it('refuses before it holds: a refusing rule above the hold wins', () => {
    const sut = decideOutbound(
      envelope({
        classification: 'SECRET',
        handling: { releasableTo: ['INTERPOL'], originatorConsent: false },
      }),
      shippedPolicy,
    );

    expect(sut.holds).toEqual([]);
    expect(sut.refusals.map((refusal) => refusal.code)).toEqual([RoutingRefusalCode.CLASSIFICATION_TOO_HIGH]);
  });

  it('delivers to PCMS platforms even when the INTERPOL part is refused', () => {
    const sut = decideOutbound(
      envelope({ type: 'incident.report', recipients: ['RP', 'NP-NE', 'INTERPOL', 'RP'] }),
      shippedPolicy,
    );

    expect(sut.platforms).toEqual(['RP', 'NP-NE']);
    expect(sut.refusals.map((refusal) => refusal.code)).toEqual([RoutingRefusalCode.NEVER_RELEASED]);
  });

  it('refuses a message addressed only to its own sender', () => {
    const sut = decideOutbound(envelope({ recipients: ['NP-ML'] }), shippedPolicy);

    expect(sut.refusals.map((refusal) => refusal.code)).toEqual([RoutingRefusalCode.NO_RECIPIENT]);
  });
});

import { JUDICIAL_STATES } from '../lifecycle/judicial-states';
import { draftRecord } from '../lifecycle/judicial-status';
import {
  TRANSPORT_EVIDENCE,
  isNegativeEvidence,
  recordReceipt as sut,
  type TransportReceipt,
} from './transport-receipt';

const receipt = (
  evidence: TransportReceipt['evidence'],
  extra: Partial<TransportReceipt> = {},
): TransportReceipt => ({
  messageId: 'm-1',
  requestId: 'r-1',
  evidence,
  issuer: 'GATEWAY',
  at: '2026-12-04T10:00:00Z',
  ...extra,
});

describe('recordReceipt', () => {
  it('speaks a vocabulary of its own: no evidence is a business state', () => {
    const states: readonly string[] = JUDICIAL_STATES;
    for (const evidence of TRANSPORT_EVIDENCE) expect(states).not.toContain(evidence);
    expect(TRANSPORT_EVIDENCE.filter(isNegativeEvidence)).toEqual([
      'rejected',
      'relay-failed',
      'not-delivered',
      'not-retrieved',
    ]);
  });

  it('logs evidence apart from the request, whose state it does not touch', () => {
    const record = draftRecord('r-1', 'mla', { requesting: 'ML', requested: 'NE' });
    let log: readonly TransportReceipt[] = [];
    for (const evidence of ['accepted', 'relayed', 'delivered', 'retrieved'] as const) {
      const outcome = sut(log, receipt(evidence));
      if (outcome.ok) log = outcome.log;
    }

    expect(log.map((r) => r.evidence)).toEqual(['accepted', 'relayed', 'delivered', 'retrieved']);
    expect(record).toEqual(draftRecord('r-1', 'mla', { requesting: 'ML', requested: 'NE' }));
  });

  it('says the same evidence once, and keeps the same evidence from another issuer', () => {
    const once = sut([], receipt('delivered'));
    const log = once.ok ? once.log : [];
    expect(sut(log, receipt('delivered', { at: '2026-12-04T10:05:00Z' }))).toEqual({ ok: true, log });
    const other = sut(log, receipt('delivered', { issuer: 'PCJS-SECRETARIAT' }));
    expect(other.ok && other.log.length).toBe(2);
  });

  it('refuses a negative evidence that does not say why', () => {
    expect(sut([], receipt('not-delivered'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('why'),
    });
    expect(sut([], receipt('not-delivered', { reason: 'peer timeout after 6 attempts' }))).toMatchObject({
      ok: true,
    });
  });
});

import { DEFAULT_FOLLOW_UP, reminderDays as sut, type FollowUpPolicy } from './follow-up.policy';
import { DAY_MS, overdueOf } from './overdue';
import { median, submittedIn } from './judicial-stats';

const POLICY: FollowUpPolicy = {
  defaultDays: 30,
  rules: [
    { urgency: 'urgent', days: 7 },
    { kind: 'extradition', days: 14 },
    { kind: 'extradition', urgency: 'immediate', days: 1 },
  ],
};

describe('reminderDays', () => {
  it.each([
    ['mla', 'routine', 30],
    ['mla', 'urgent', 7],
    ['extradition', 'routine', 14],
    // the kind beats the urgency; kind and urgency beat the kind
    ['extradition', 'urgent', 14],
    ['extradition', 'immediate', 1],
  ] as const)('gives a %s %s request %i days', (kind, urgency, days) => {
    expect(sut(POLICY, kind, urgency)).toBe(days);
  });

  it('defaults to a month, a week when urgent, two days when immediate', () => {
    expect(
      ['routine', 'urgent', 'immediate'].map((u) => sut(DEFAULT_FOLLOW_UP, 'mla', u as 'routine')),
    ).toEqual([30, 7, 2]);
  });
});

describe('overdueOf', () => {
  const lastMoveAt = '2026-01-01T00:00:00.000Z';
  const at = (days: number) => new Date(Date.parse(lastMoveAt) + days * DAY_MS);
  const request = { kind: 'mla', urgency: 'urgent', state: 'SUBMITTED', lastMoveAt } as const;

  it('is due on the day the delay ends, not before', () => {
    expect(overdueOf(request, POLICY, at(6.99))).toBeUndefined();
    expect(overdueOf(request, POLICY, at(7))).toEqual({ days: 7, dueAt: at(7).toISOString() });
  });

  it('never reminds of a draft or of a request that has nothing left to do', () => {
    for (const state of ['DRAFT', 'CLOSED', 'REFUSED', 'WITHDRAWN'] as const) {
      expect(overdueOf({ ...request, state }, POLICY, at(100))).toBeUndefined();
    }
    // EXECUTED still waits for the requester to close it.
    expect(overdueOf({ ...request, state: 'EXECUTED' }, POLICY, at(100))).toBeDefined();
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([])).toBeNull();
    expect(median([9, 2, 4])).toBe(4);
    expect(median([20, 10])).toBe(15);
    expect(median([1, 3, 2, 8])).toBe(2.5);
  });
});

describe('submittedIn', () => {
  const submitted = (at: string) => ({
    storedAt: '2026-01-01T00:00:00.000Z',
    history: [{ from: 'DRAFT', to: 'SUBMITTED', party: 'requesting', authority: 'ML-CA', at }] as const,
  });

  it('takes the day of submission, both ends of the period included, in UTC', () => {
    const period = { since: '2026-03-01', until: '2026-03-31' };
    expect(submittedIn(submitted('2026-03-01T00:00:00Z'), period)).toBe(true);
    expect(submittedIn(submitted('2026-03-31T23:59:59Z'), period)).toBe(true);
    expect(submittedIn(submitted('2026-04-01T00:30:00+01:00'), period)).toBe(true);
    expect(submittedIn(submitted('2026-04-01T00:00:00Z'), period)).toBe(false);
    expect(submittedIn(submitted('2026-02-28T23:59:59Z'), period)).toBe(false);
  });

  it('counts a request never submitted from the day it was stored', () => {
    expect(submittedIn({ storedAt: '2026-01-01T00:00:00.000Z', history: [] }, { until: '2026-01-01' })).toBe(
      true,
    );
    expect(submittedIn({ storedAt: '2026-01-01T00:00:00.000Z', history: [] }, { since: '2026-01-02' })).toBe(
      false,
    );
  });
});

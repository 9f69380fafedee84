import type { AlertRules } from './alert-rules';
import { measure } from './alert-signals';
import { advanceBacklog } from './backlog-clock';

const NOW = new Date('2026-12-05T08:00:00.000Z');
const RULES: AlertRules = {
  evaluateEverySeconds: 10,
  queues: [
    { match: 'pcms.dead-letters', depth: { fire: 0, clear: 0, forSeconds: 0 } },
    { match: 'platform.*', oldestSeconds: { fire: 600, clear: 300, forSeconds: 0 } },
    { match: '*', depth: { fire: 1000, clear: 800, forSeconds: 60 } },
  ],
  certificateExpiryDays: { fire: 14, clear: 21, forSeconds: 0 },
  peerUnreachable: { forSeconds: 30 },
  holdExpiringMinutes: { fire: 60, clear: 60, forSeconds: 0 },
  rejectionsPerMinute: { fire: 10, clear: 5, forSeconds: 60, windowMinutes: 5 },
};

describe(measure.name, () => {
  it('takes, for each queue and metric, the first rule that matches the queue and sets that metric', () => {
    const { measurements } = measure(
      RULES,
      {
        queues: [
          { queue: 'pcms.dead-letters', depth: 3, oldestSeconds: 40 },
          { queue: 'platform.NP-ML', depth: 7, oldestSeconds: 700 },
        ],
        certificates: [],
        waitingHolds: [],
      },
      NOW,
    );
    expect(measurements.map((m) => [m.rule, m.subject, m.value, m.threshold.fire])).toEqual([
      ['queue-depth', 'pcms.dead-letters', 3, 0],
      ['queue-depth', 'platform.NP-ML', 7, 1000],
      ['queue-oldest', 'platform.NP-ML', 700, 600],
    ]);
  });

  it('measures certificates, holds by minutes left, the peer and the rejection rate; unknown signals are listed', () => {
    const { measurements, unknown } = measure(
      RULES,
      {
        queues: [],
        certificates: [{ id: 'NP-ML', daysToExpiry: 9 }],
        waitingHolds: [{ holdId: 'h1', expiresAt: '2026-12-05T08:45:00.000Z' }],
        peerReachable: false,
      },
      NOW,
    );
    expect(measurements.map((m) => [m.rule, m.subject, m.value, m.direction])).toEqual([
      ['certificate-expiry', 'NP-ML', 9, 'below'],
      ['hold-expiring', 'h1', 45, 'below'],
      ['peer-unreachable', 'peer', 1, 'above'],
    ]);
    expect(unknown).toEqual(['rejection-rate|gateway']);
  });
});

describe(advanceBacklog.name, () => {
  it('counts from the first evaluation that found the queue holding messages, and restarts once it is empty', () => {
    const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
    const first = advanceBacklog({}, [{ queue: 'q', depth: 2 }], at(0));
    const second = advanceBacklog(first.since, [{ queue: 'q', depth: 1 }], at(90));
    const emptied = advanceBacklog(second.since, [{ queue: 'q', depth: 0 }], at(100));
    const again = advanceBacklog(emptied.since, [{ queue: 'q', depth: 5 }], at(110));
    expect([first, second, emptied, again].map((step) => step.oldestSeconds.q)).toEqual([0, 90, 0, 0]);
    expect(again.since).toEqual({ q: at(110).toISOString() });
  });
});

// The arithmetic behind the report's limit and the reading of a CPU profile, on figures small enough
// to check by hand. The bench itself is never timed by a test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderProfiles, topSelfTime, type CpuProfile } from './cpu-profile';
import { limitOf, meanCosts, MINIMAL_WORK, type UnitCosts } from './physical-limit.bench';

const costs: UnitCosts = {
  hopMs: 0.5,
  hopBrokerMs: 0.3,
  hopClientMs: 0.2,
  signMs: 0.4,
  verifyMs: 0.1,
  tlsRequestMs: 0.3,
};

describe(limitOf.name, () => {
  it('sums each piece times how often one message needs it, and divides it into the cores', () => {
    // outbound: 2 hops × 0.5 + 2 signs × 0.4 + 3 verifies × 0.1 + 1 request × 0.3 = 2.4 ms
    expect(limitOf(costs, MINIMAL_WORK.outbound, 2)).toEqual({
      cpuMsPerMessage: 2.4,
      messagesPerSecond: 833,
    });
    // inbound: 3 × 0.5 + 2 × 0.4 + 4 × 0.1 + 1 × 0.3 = 3.0 ms
    expect(limitOf(costs, MINIMAL_WORK.inbound, 2)).toEqual({ cpuMsPerMessage: 3, messagesPerSecond: 667 });
  });

  it('scales with the cores', () => {
    expect(limitOf(costs, MINIMAL_WORK.outbound, 8).messagesPerSecond).toBe(3333);
  });

  it('gives no limit rather than infinity when nothing was measured', () => {
    const nothing = { ...costs, hopMs: 0, signMs: 0, verifyMs: 0, tlsRequestMs: 0 };
    expect(limitOf(nothing, MINIMAL_WORK.outbound, 2)).toEqual({ cpuMsPerMessage: 0, messagesPerSecond: 0 });
  });
});

describe(meanCosts.name, () => {
  it('takes the mean of the two measures piece by piece, so a limit sits between them', () => {
    const slower = { ...costs, hopMs: 0.7, hopBrokerMs: 0.4, hopClientMs: 0.3, signMs: 0.8 };

    const mean = meanCosts(costs, slower);

    expect(mean).toEqual({ ...costs, hopMs: 0.6, hopBrokerMs: 0.35, hopClientMs: 0.25, signMs: 0.6 });
    const limits = [costs, mean, slower].map((c) => limitOf(c, MINIMAL_WORK.outbound, 2).messagesPerSecond);
    // outbound, 2 cores: 2.4, 3.0 (2 × 0.6 + 2 × 0.6 + 0.3 + 0.3) and 3.6 ms per message
    expect(limits).toEqual([833, 667, 556]);
  });
});

describe(topSelfTime.name, () => {
  const profile = JSON.parse(
    readFileSync(join(__dirname, 'fixtures', 'small.cpuprofile'), 'utf8'),
  ) as CpuProfile;

  it('sums self time per function over its call sites, leaves idle out, and names files as the project does', () => {
    expect(topSelfTime(profile, 15, '/work/main')).toEqual({
      busyMs: 7,
      top: [
        {
          function: 'verify (dist/libs/trust/src/signature.verifier.js:42)',
          selfMs: 5.5,
          percentOfBusy: 78.6,
        },
        { function: '(garbage collector)', selfMs: 1, percentOfBusy: 14.3 },
        { function: '(anonymous) (node_modules/amqplib/lib/channel.js:10)', selfMs: 0.5, percentOfBusy: 7.1 },
      ],
    });
  });

  it('keeps only the heaviest', () => {
    expect(topSelfTime(profile, 1).top.map((row) => row.selfMs)).toEqual([5.5]);
  });

  it('renders one table per process', () => {
    const markdown = renderProfiles(
      [{ process: 'router', ...topSelfTime(profile, 2, '/work/main') }],
      'Run.',
    );
    expect(markdown).toContain('## router (busy / occupé 7 ms)');
    expect(markdown).toContain('`verify (dist/libs/trust/src/signature.verifier.js:42)`');
  });
});

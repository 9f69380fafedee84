import {
  consoleCost,
  consoleShareOfCores,
  costVerdict,
  countsOfEvent,
  lagsByRank,
  renderConsole,
  type ConsoleBenchResult,
} from './console-figures';

describe(lagsByRank.name, () => {
  it('matches the k-th message by time to the first event counting baseline + k', () => {
    const shown = [
      { at: 1000, count: 10 },
      { at: 3000, count: 11 },
      { at: 5000, count: 13 },
    ];

    const sut = lagsByRank([2500, 2000, 4000], shown, 10);

    // 2000 → count 11 at 3000; 2500 → 12, first at 5000; 4000 → 13 at 5000.
    expect(sut.lag).toMatchObject({ count: 3, p50Ms: 1000, maxMs: 2500 });
    expect(sut).toMatchObject({ measured: 3, shownBefore: 0, missing: 0 });
  });

  it('counts lag 0 when the dashboard showed the message before the bench saw it, and a count never reached as missing', () => {
    const sut = lagsByRank([2000, 2100], [{ at: 1500, count: 1 }], 0);

    expect(sut).toMatchObject({ measured: 1, shownBefore: 1, missing: 1 });
    expect(sut.lag.maxMs).toBe(0);
  });

  it('keeps a message counted when the count steps back afterwards (a latest stage moving on)', () => {
    const shown = [
      { at: 1000, count: 2 },
      { at: 2000, count: 1 },
    ];

    const sut = lagsByRank([500, 600], shown, 0);

    expect(sut).toMatchObject({ measured: 2, missing: 0 });
    expect(sut.lag).toMatchObject({ p50Ms: 400, maxMs: 500 });
  });
});

describe(consoleCost.name, () => {
  it('compares the run with the console to the mean of those without, and says how far those differ', () => {
    const sut = consoleCost([100, 90, 95], [90, 90.5]);

    expect(sut).toEqual({ withoutPerSecond: 95, withPerSecond: 90.3, costPercent: 5, noisePercent: 10.5 });
  });
});

describe(costVerdict.name, () => {
  it('meets the target only when the bursts without the console agree within it', () => {
    expect(costVerdict(consoleCost([100, 98], [97]))).toBe('met');
    expect(costVerdict(consoleCost([100, 98], [90]))).toBe('not met');
    // A "negative cost" from a slow first burst decides nothing.
    expect(costVerdict(consoleCost([113, 166], [160]))).toBe('not established');
  });
});

describe(consoleShareOfCores.name, () => {
  it('divides the console CPU of the bursts with it by the cores, leaving the paced pass out', () => {
    const pass = { order: 1, console: true, achievedPerSecond: 1, messages: 1, durationMs: 1 };
    const passes = [
      { ...pass, offeredPerSecond: 0, consoleCpuPercentOfCore: 4.9 },
      { ...pass, offeredPerSecond: 76, consoleCpuPercentOfCore: 30 },
      { ...pass, offeredPerSecond: 0, consoleCpuPercentOfCore: 7 },
      { ...pass, console: false, offeredPerSecond: 0 },
    ];

    expect(consoleShareOfCores(passes, 2)).toEqual({ low: 2.5, high: 3.5 });
  });
});

describe(countsOfEvent.name, () => {
  it('sums the route of the chart and reads the delivered figure with its thousands separator', () => {
    const data = JSON.stringify({
      html: '<dt>Delivered</dt><dd data-figure="delivered">1,234</dd><dd data-figure="retrying">7</dd>',
      chart: {
        routes: [
          { label: 'NP-NE outbound', counts: [5, 5] },
          { label: 'NP-ML outbound', counts: [0, 40, 2] },
        ],
      },
    });

    expect(countsOfEvent(data, 'NP-ML outbound')).toEqual({ routeCount: 42, delivered: 1234 });
  });
});

describe(renderConsole.name, () => {
  const lag = {
    measured: 10,
    shownBefore: 0,
    missing: 0,
    lag: { count: 10, p50Ms: 900, p95Ms: 1800, p99Ms: 1900, maxMs: 2100, meanMs: 1000 },
  };
  const result: ConsoleBenchResult = {
    date: '2026-12-05T17:30:00.000Z',
    cores: 2,
    loadAverageAtStart: 1.5,
    warmUpMessages: 300,
    tickMs: 2000,
    baselinesReached: true,
    passes: [
      { order: 1, console: false, offeredPerSecond: 0, achievedPerSecond: 110, messages: 10, durationMs: 1 },
      {
        order: 2,
        console: true,
        offeredPerSecond: 0,
        achievedPerSecond: 100,
        messages: 10,
        durationMs: 1,
        consoleCpuMsPerMessage: 2,
        lag: { submitted: lag, delivered: lag },
      },
      { order: 3, console: false, offeredPerSecond: 0, achievedPerSecond: 100, messages: 10, durationMs: 1 },
    ],
    cost: consoleCost([110, 100], [100]),
  };

  it('says plainly that 300 msg/s was not reached, and that a 1.8 s p95 misses the target', () => {
    const sut = renderConsole(result);

    expect(sut).toContain('300 msg/s was not reachable here');
    expect(sut).toContain('p95 **no / non**');
    expect(sut).toContain('every 2000 ms');
    expect(sut).toMatch(/\*\*4\.8 %\*\* \(target < 5 %: \*\*not established/);
  });
});

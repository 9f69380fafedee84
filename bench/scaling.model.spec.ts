// The scaling model's arithmetic on figures small enough to check by hand.
import { coresLeftForPath, cpuPerApp, machineCpuOf, predictThroughput } from './scaling.model';

describe(predictThroughput.name, () => {
  const cpu = { 'i247-adapter': 4, router: 1, 'beam.smp': 3 };

  it('is capped by the cores when every process has room: cores × 1000 ÷ the CPU of all', () => {
    // 4 ms per message in all, 2 cores: 500 msg/s; the router alone would allow 1000
    expect(predictThroughput({ router: 1, 'beam.smp': 3 }, () => 1, 2)).toEqual({
      messagesPerSecond: 500,
      bottleneck: 'cores',
    });
  });

  it('is capped by a single-threaded app at 1000 ÷ its CPU, and instances raise that cap', () => {
    expect(predictThroughput(cpu, () => 1, 8)).toEqual({
      messagesPerSecond: 250,
      bottleneck: 'i247-adapter',
    });
    // two i247-adapters: 500 msg/s; the cores (8 × 1000 ÷ 8 = 1000) are not reached
    expect(predictThroughput(cpu, () => 2, 8)).toEqual({
      messagesPerSecond: 500,
      bottleneck: 'i247-adapter',
    });
  });

  it('never gives an app more cores than the machine has, and never caps the broker per process', () => {
    // 1 core: the cores cap first (1000 ÷ 8 = 125), whatever the instances
    expect(predictThroughput(cpu, () => 4, 1)).toEqual({ messagesPerSecond: 125, bottleneck: 'cores' });
    expect(predictThroughput({ 'beam.smp': 4 }, () => 1, 8).bottleneck).toBe('cores');
  });

  it('sums the instances of an app: they share its per-message cost', () => {
    expect(cpuPerApp({ router: 0.5, 'router#2': 0.75, bench: 1 })).toEqual({ router: 1.25, bench: 1 });
  });
});

describe(coresLeftForPath.name, () => {
  it('takes from the cores what the rest of the machine used during the run', () => {
    const before = { busyMs: 10_000, totalMs: 40_000 };
    // 1 s of run: the machine was busy 1500 ms, 900 of them the path's: others used 0.6 core
    const after = { busyMs: 11_500, totalMs: 42_000 };
    expect(coresLeftForPath(2, before, after, 900, 1000)).toBe(1.4);
  });

  it('is never negative', () => {
    expect(coresLeftForPath(2, { busyMs: 0, totalMs: 0 }, { busyMs: 9000, totalMs: 9000 }, 0, 1000)).toBe(0);
  });
});

describe(machineCpuOf.name, () => {
  it('reads busy and total ticks from the first line of /proc/stat', () => {
    const stat = 'cpu  100 20 30 800 50 0 10 0 0 0\ncpu0 50 10 15 400 25 0 5 0 0 0\n';
    // busy = 100 + 20 + 30 + 0 + 10 + 0 = 160 ticks; total = 160 + 800 + 50 = 1010 ticks; 100 Hz
    expect(machineCpuOf(stat, 100)).toEqual({ busyMs: 1600, totalMs: 10_100 });
  });
});

import { expectedDestinations, planFaults, planTraffic, processNames } from './chaos.plan';
import { SeededRandom } from './seeded-random';

describe(planTraffic.name, () => {
  it('draws the same messages from the same seed, and other messages from another', () => {
    const sut = (seed: number) => planTraffic(new SeededRandom(seed), 200);
    expect(sut(7)).toEqual(sut(7));
    expect(sut(8)).not.toEqual(sut(7));
  });

  it('sends every kind, each share near its fraction, with unique ids', () => {
    const sut = planTraffic(new SeededRandom(42), 4000);
    const share = (kind: string) => sut.filter((message) => message.kind === kind).length / sut.length;
    expect(share('inbound')).toBeCloseTo(0.3, 1);
    expect(share('held')).toBeCloseTo(0.05, 1);
    expect(share('refused')).toBeCloseTo(0.05, 1);
    expect(new Set(sut.map((message) => message.id)).size).toBe(4000);
    expect(sut.filter((m) => m.kind === 'refused').every((m) => expectedDestinations(m).length === 0)).toBe(
      true,
    );
  });
});

describe(planFaults.name, () => {
  it('plans the kills and each infrastructure fault once, in order, between 10 % and 85 % of the traffic', () => {
    const sut = planFaults(new SeededRandom(3), 1000, {
      kills: 5,
      infrastructure: ['broker-node-kill', 'peer-outage'],
      instances: 2,
    });
    expect(sut.map((fault) => fault.kind).sort()).toEqual([
      'broker-node-kill',
      'peer-outage',
      'process-kill',
      'process-kill',
      'process-kill',
      'process-kill',
      'process-kill',
    ]);
    const points = sut.map((fault) => fault.atMessage);
    expect(points).toEqual([...points].sort((a, b) => a - b));
    expect(points.every((at) => at >= 100 && at < 850)).toBe(true);
    const kills = sut.filter((fault) => fault.kind === 'process-kill');
    expect(kills.every((fault) => processNames(2).includes(fault.target ?? ''))).toBe(true);
  });
});

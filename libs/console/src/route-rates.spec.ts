import { RouteRateCounter } from './route-rates';

const now = new Date('2026-12-04T21:00:30.000Z');
const at = (iso: string) => Date.parse(iso);

describe(RouteRateCounter.name, () => {
  it('counts outbound messages per platform and inbound ones per type, per minute of the last hour', () => {
    const sut = new RouteRateCounter();
    sut.add('NP-ML', 'person.wanted', at('2026-12-04T21:00:10.000Z'));
    sut.add('NP-ML', 'person.missing', at('2026-12-04T21:00:20.000Z'));
    sut.add('INTERPOL', 'person.wanted', at('2026-12-04T20:59:59.000Z'));
    sut.add('NP-NE', 'person.wanted', at('2026-12-04T19:59:59.000Z'));

    const rates = sut.rates(now);

    expect(rates.minutes).toHaveLength(60);
    expect(rates.minutes.at(-1)).toBe(Date.parse('2026-12-04T21:00:00.000Z') / 1000);
    expect(rates.routes.map((r) => [r.direction, r.key, r.counts.at(-1), r.counts.at(-2)])).toEqual([
      ['outbound', 'NP-ML', 2, 0],
      ['inbound', 'person.wanted', 0, 1],
    ]);
  });

  it('forgets the minutes that left the hour, and a route with none left', () => {
    const sut = new RouteRateCounter();
    sut.add('NP-ML', 'person.wanted', at('2026-12-04T20:30:00.000Z'));
    sut.add('NP-TD', 'person.wanted', at('2026-12-04T20:59:00.000Z'));

    const later = sut.rates(new Date('2026-12-04T21:45:00.000Z'));

    expect(later.routes.map((r) => [r.key, r.counts.reduce((a, b) => a + b, 0)])).toEqual([['NP-TD', 1]]);
    expect(sut.rates(new Date('2026-12-04T23:00:00.000Z')).routes).toEqual([]);
  });
});

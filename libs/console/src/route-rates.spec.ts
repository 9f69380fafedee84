import type { JournalSearchHit } from '@pcms/journal';
import { routeRates } from './route-rates';

const now = new Date('2026-12-04T21:00:30.000Z');
const hit = (firstAt: string, sender: string, type: string): JournalSearchHit => ({
  messageId: `${firstAt}-${sender}`,
  firstAt,
  lastAt: firstAt,
  lastStage: 'delivered',
  sender,
  type,
});

describe(routeRates.name, () => {
  it('counts outbound messages per platform and inbound ones per type, per minute of the last hour', () => {
    const sut = routeRates(
      [
        hit('2026-12-04T21:00:10.000Z', 'NP-ML', 'person.wanted'),
        hit('2026-12-04T21:00:20.000Z', 'NP-ML', 'person.missing'),
        hit('2026-12-04T20:59:59.000Z', 'INTERPOL', 'person.wanted'),
        hit('2026-12-04T19:59:59.000Z', 'NP-NE', 'person.wanted'),
      ],
      now,
    );
    expect(sut.minutes).toHaveLength(60);
    expect(sut.minutes.at(-1)).toBe(Date.parse('2026-12-04T21:00:00.000Z') / 1000);
    expect(sut.routes.map((r) => [r.direction, r.key, r.counts.at(-1), r.counts.at(-2)])).toEqual([
      ['outbound', 'NP-ML', 2, 0],
      ['inbound', 'person.wanted', 0, 1],
    ]);
  });
});

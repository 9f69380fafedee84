import { judicialStats } from './judicial-stats';
import { STATS_CSV_HEADER, statsCsv as sut } from './stats.csv';

describe('statsCsv', () => {
  it('writes the header alone when there is nothing to count', () => {
    expect(sut([])).toBe(`${STATS_CSV_HEADER.join(',')}\r\n`);
    expect(STATS_CSV_HEADER).toHaveLength(3 + 18 + 4 + 14);
  });

  it('quotes a field holding a comma, a quote or a line end (RFC 4180 §2.6-2.7), and leaves a missing median empty', () => {
    const [pair] = judicialStats([
      {
        kind: 'mla',
        storedAt: '2026-01-01T00:00:00Z',
        parties: { requesting: 'A,"B', requested: 'C\nD' },
        state: 'DRAFT',
        history: [],
      },
    ]);

    const [, row] = sut([pair]).split('\r\n');

    expect(row.startsWith('"A,""B","C\nD",1,1,')).toBe(true);
    expect(row).toContain(',0,,0,,');
  });
});

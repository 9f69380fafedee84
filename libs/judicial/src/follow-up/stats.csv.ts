// The statistics as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a
// comma, a quote or a line end), one row per pair of states, every state and ground a column of its
// own so that a spreadsheet sums them without parsing.
import { REFUSAL_GROUNDS } from '../judicial.constants';
import { JUDICIAL_STATES } from '../lifecycle/judicial-states';
import type { PairStats } from './judicial-stats';

export const STATS_CSV_HEADER: readonly string[] = [
  'requesting',
  'requested',
  'total',
  ...JUDICIAL_STATES.map((state) => `state.${state}`),
  'acknowledged',
  'median_days_to_acknowledge',
  'executed',
  'median_days_to_execute',
  ...REFUSAL_GROUNDS.map((ground) => `refusals.${ground}`),
];

function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function statsCsv(stats: readonly PairStats[]): string {
  const rows = stats.map((pair) => [
    pair.requesting,
    pair.requested,
    pair.total,
    ...JUDICIAL_STATES.map((state) => pair.byState[state]),
    pair.acknowledged,
    pair.medianDaysToAcknowledge,
    pair.executed,
    pair.medianDaysToExecute,
    ...REFUSAL_GROUNDS.map((ground) => pair.refusalsByGround[ground]),
  ]);
  return [STATS_CSV_HEADER, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}

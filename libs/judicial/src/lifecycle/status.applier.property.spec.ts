// Whatever arrives, in whatever order, from whichever side: a request only ever sits in a state the
// table lets its kind reach, and every move in its history is a row of the table made by its party.
import fc from 'fast-check';
import { JUDICIAL_STATES, type JudicialState } from './judicial-states';
import { REFUSAL_GROUNDS, REQUEST_KINDS, type RequestKind } from '../judicial.constants';
import { draftRecord, type JudicialStatus } from './judicial-status';
import { applyStatus as sut } from './status.applier';
import { TRANSITIONS, transitionFor } from './transition.table';

const DIRECTORY: Record<string, string> = { 'ML-DACG': 'ML', 'NE-DACG': 'NE', 'SN-DACG': 'SN' };
const stateOf = (authority: string): string | undefined => DIRECTORY[authority];

function reachable(kind: RequestKind): Set<JudicialState> {
  const seen = new Set<JudicialState>(['DRAFT']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const row of TRANSITIONS) {
      if (row.kinds.includes(kind) && seen.has(row.from) && !seen.has(row.to)) {
        seen.add(row.to);
        grew = true;
      }
    }
  }
  return seen;
}

const statusArb: fc.Arbitrary<JudicialStatus> = fc.record(
  {
    requestId: fc.constantFrom('r-1', 'r-1', 'r-1', 'r-2'),
    status: fc.constantFrom(...JUDICIAL_STATES, 'NOT_A_STATE' as JudicialState),
    authority: fc.constantFrom('ML-DACG', 'NE-DACG', 'SN-DACG', 'XX-UNKNOWN'),
    at: fc.constant('2026-12-04T10:00:00Z'),
    grounds: fc.record({
      ground: fc.constantFrom(...REFUSAL_GROUNDS),
      text: fc.constantFrom('', 'reasons given'),
    }),
  },
  { requiredKeys: ['requestId', 'status', 'authority', 'at'] },
);

describe('applyStatus, property', () => {
  it('never leaves a request in a state the table does not allow', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REQUEST_KINDS),
        fc.array(statusArb, { maxLength: 60 }),
        (kind, statuses) => {
          const allowed = reachable(kind);
          let record = draftRecord('r-1', kind, { requesting: 'ML', requested: 'NE' });
          for (const status of statuses) {
            const outcome = sut(record, status, stateOf);
            if (!outcome.ok) continue;
            const row = transitionFor(kind, record.state, outcome.record.state);
            expect(row?.by).toBe(outcome.change.party);
            record = outcome.record;
            expect(allowed.has(record.state)).toBe(true);
          }
          // The history replays: each move starts where the last one ended, and each is in the table.
          let state: JudicialState = 'DRAFT';
          for (const change of record.history) {
            expect(change.from).toBe(state);
            expect(transitionFor(kind, change.from, change.to)?.by).toBe(change.party);
            state = change.to;
          }
          expect(state).toBe(record.state);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('moves forward often enough for the property to mean something', () => {
    // Guided runs: the next status is picked among the legal ones, so long walks are explored too.
    fc.assert(
      fc.property(fc.constantFrom(...REQUEST_KINDS), fc.array(fc.nat(), { maxLength: 30 }), (kind, picks) => {
        let record = draftRecord('r-1', kind, { requesting: 'ML', requested: 'NE' });
        for (const pick of picks) {
          const rows = TRANSITIONS.filter((row) => row.from === record.state && row.kinds.includes(kind));
          if (rows.length === 0) break;
          const row = rows[pick % rows.length];
          const outcome = sut(
            record,
            {
              requestId: 'r-1',
              status: row.to,
              authority: row.by === 'requesting' ? 'ML-DACG' : 'NE-DACG',
              at: '2026-12-04T10:00:00Z',
              grounds: { ground: 'other', text: 'reasons given' },
            },
            stateOf,
          );
          expect(outcome.ok).toBe(true);
          if (outcome.ok) record = outcome.record;
        }
        expect(reachable(kind).has(record.state)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

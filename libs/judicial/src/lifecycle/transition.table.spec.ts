// Every (kind, from, to) of the state list is tried from both sides, and each outcome asserted
// against the table: the table is the only thing that decides, and nothing leaks around it.
import { JudicialErrorCode } from '../judicial.error';
import { PARTIES, REQUEST_KINDS, type Party, type RequestKind } from '../judicial.constants';
import { JUDICIAL_STATES, type JudicialState } from './judicial-states';
import type { JudicialRequestRecord, JudicialStatus } from './judicial-status';
import { applyStatus as sut } from './status.applier';
import { TRANSITIONS, isFinal, transitionFor } from './transition.table';

const PARTY_STATES: Record<Party, string> = { requesting: 'ML', requested: 'NE' };
const AUTHORITY_OF: Record<Party, string> = { requesting: 'ML-DACG', requested: 'NE-DACG' };
const stateOf = (authority: string): string | undefined => {
  const party = PARTIES.find((side) => AUTHORITY_OF[side] === authority);
  return party === undefined ? undefined : PARTY_STATES[party];
};

function recordIn(kind: RequestKind, state: JudicialState): JudicialRequestRecord {
  return {
    requestId: 'r-1',
    kind,
    parties: { requesting: 'ML', requested: 'NE' },
    state,
    history: [],
  };
}

function statusBy(party: Party, to: JudicialState): JudicialStatus {
  return {
    requestId: 'r-1',
    status: to,
    authority: AUTHORITY_OF[party],
    at: '2026-12-04T10:00:00Z',
    grounds: { ground: 'dual-criminality', text: 'not an offence under the law of Niger' },
  };
}

const pairs = REQUEST_KINDS.flatMap((kind) =>
  JUDICIAL_STATES.flatMap((from) => JUDICIAL_STATES.map((to) => [kind, from, to] as const)),
);

describe('the transitions table', () => {
  it('has one row at most per kind and pair, each for a kind it names', () => {
    for (const [kind, from, to] of pairs) {
      const rows = TRANSITIONS.filter(
        (row) => row.from === from && row.to === to && row.kinds.includes(kind),
      );
      expect(rows.length).toBeLessThanOrEqual(1);
    }
  });

  it('allows what the issue lists, and no more than the table says', () => {
    const allowed = pairs.filter(([kind, from, to]) => transitionFor(kind, from, to) !== undefined);
    // Each row counts once per kind it names: a second row for the same move would show here.
    expect(allowed.length).toBe(TRANSITIONS.reduce((sum, row) => sum + row.kinds.length, 0));
    expect(transitionFor('mla', 'UNDER_REVIEW', 'INFO_REQUESTED')?.by).toBe('requested');
    expect(transitionFor('mla', 'INFO_REQUESTED', 'UNDER_REVIEW')?.by).toBe('requesting');
    expect(transitionFor('extradition', 'PERSON_ARRESTED', 'GRANTED')?.by).toBe('requested');
    expect(transitionFor('mla', 'PERSON_ARRESTED', 'GRANTED')).toBeUndefined();
    expect(transitionFor('extradition', 'ACCEPTED', 'IN_EXECUTION')).toBeUndefined();
  });

  it('leaves CLOSED, REFUSED, WITHDRAWN and DENIED final for every kind', () => {
    for (const kind of REQUEST_KINDS) {
      for (const state of ['CLOSED', 'REFUSED', 'WITHDRAWN', 'DENIED'] as const) {
        expect(isFinal(kind, state)).toBe(true);
      }
      expect(isFinal(kind, 'DRAFT')).toBe(false);
    }
  });

  it('gives every withdrawal to the requester and every execution step to the requested side', () => {
    for (const row of TRANSITIONS) {
      if (row.to === 'WITHDRAWN') expect(row.by).toBe('requesting');
      if (['IN_EXECUTION', 'PARTIALLY_EXECUTED', 'EXECUTED', 'SURRENDERED'].includes(row.to)) {
        expect(row.by).toBe('requested');
      }
    }
  });

  describe.each(REQUEST_KINDS)('for kind %s', (kind) => {
    it.each(pairs.filter(([k]) => k === kind).map(([, from, to]) => [from, to] as const))(
      '%s → %s is decided by the table from either side',
      (from, to) => {
        const row = transitionFor(kind, from, to);
        for (const party of PARTIES) {
          const outcome = sut(recordIn(kind, from), statusBy(party, to), stateOf);
          if (row === undefined) {
            expect(outcome).toMatchObject({
              ok: false,
              refusal: { code: JudicialErrorCode.TransitionIllegal },
            });
          } else if (row.by === party) {
            expect(outcome).toMatchObject({ ok: true, record: { state: to }, change: { from, to, party } });
          } else {
            expect(outcome).toMatchObject({
              ok: false,
              refusal: { code: JudicialErrorCode.TransitionWrongParty },
            });
          }
        }
      },
    );
  });
});

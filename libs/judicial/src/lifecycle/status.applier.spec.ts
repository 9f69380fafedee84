import { JudicialErrorCode } from '../judicial.error';
import { draftRecord, type JudicialRequestRecord, type JudicialStatus } from './judicial-status';
import { applyStatus as sut } from './status.applier';

const DIRECTORY: Record<string, string> = {
  'ML-DACG': 'ML',
  'ML-PF': 'ML',
  'NE-DACG': 'NE',
  'SN-DACG': 'SN',
};
const stateOf = (authority: string): string | undefined => DIRECTORY[authority];

const status = (to: string, authority: string, extra: Partial<JudicialStatus> = {}): JudicialStatus => ({
  requestId: 'r-1',
  status: to as JudicialStatus['status'],
  authority,
  at: '2026-12-04T10:00:00Z',
  ...extra,
});

function walk(record: JudicialRequestRecord, ...steps: [string, string][]): JudicialRequestRecord {
  return steps.reduce((current, [to, authority]) => {
    const outcome = sut(current, status(to, authority), stateOf);
    if (!outcome.ok) throw new Error(`${to}: ${outcome.refusal.code}`);
    return outcome.record;
  }, record);
}

const mla = (): JudicialRequestRecord => draftRecord('r-1', 'mla', { requesting: 'ML', requested: 'NE' });
const underReview = (): JudicialRequestRecord =>
  walk(
    mla(),
    ['SUBMITTED', 'ML-DACG'],
    ['RECEIVED', 'NE-DACG'],
    ['ACKNOWLEDGED', 'NE-DACG'],
    ['UNDER_REVIEW', 'NE-DACG'],
  );

describe('applyStatus', () => {
  it('walks an MLA request to CLOSED, through a request for information, keeping who moved it and why', () => {
    const closed = walk(
      underReview(),
      ['INFO_REQUESTED', 'NE-DACG'],
      ['UNDER_REVIEW', 'ML-PF'],
      ['ACCEPTED', 'NE-DACG'],
      ['IN_EXECUTION', 'NE-DACG'],
      ['PARTIALLY_EXECUTED', 'NE-DACG'],
      ['EXECUTED', 'NE-DACG'],
      ['CLOSED', 'ML-DACG'],
    );

    expect(closed.state).toBe('CLOSED');
    expect(closed.history.map((change) => change.to)).toEqual([
      'SUBMITTED',
      'RECEIVED',
      'ACKNOWLEDGED',
      'UNDER_REVIEW',
      'INFO_REQUESTED',
      'UNDER_REVIEW',
      'ACCEPTED',
      'IN_EXECUTION',
      'PARTIALLY_EXECUTED',
      'EXECUTED',
      'CLOSED',
    ]);
    expect(closed.history[5]).toEqual({
      from: 'INFO_REQUESTED',
      to: 'UNDER_REVIEW',
      party: 'requesting',
      authority: 'ML-PF',
      at: '2026-12-04T10:00:00Z',
    });
  });

  it('walks an extradition through provisional arrest to surrender', () => {
    const record = draftRecord('r-1', 'extradition', { requesting: 'ML', requested: 'SN' });
    const surrendered = walk(
      record,
      ['SUBMITTED', 'ML-DACG'],
      ['RECEIVED', 'SN-DACG'],
      ['ACKNOWLEDGED', 'SN-DACG'],
      ['UNDER_REVIEW', 'SN-DACG'],
      ['ACCEPTED', 'SN-DACG'],
      ['PROVISIONAL_ARREST', 'SN-DACG'],
      ['PERSON_ARRESTED', 'SN-DACG'],
      ['GRANTED', 'SN-DACG'],
      ['SURRENDERED', 'SN-DACG'],
      ['CLOSED', 'ML-DACG'],
    );
    expect(surrendered.state).toBe('CLOSED');
  });

  it('refuses a status from a state that is not a party, even for a legal move', () => {
    const outcome = sut(mla(), status('SUBMITTED', 'SN-DACG'), stateOf);
    expect(outcome).toMatchObject({ ok: false, refusal: { code: JudicialErrorCode.StatusNotAParty } });
    // Said plainly (it was "party to neither side", read as a fault of the request's sides).
    expect(outcome).toMatchObject({
      refusal: {
        reason:
          'SN-DACG (SN) is not a party to request r-1: its state is neither the requesting state (ML) nor the requested state (NE)',
        raison:
          'SN-DACG (SN) n’est pas partie à la demande r-1 : son État n’est ni l’État requérant (ML) ni l’État requis (NE)',
      },
    });
  });

  it('refuses a status from an authority the directory does not list', () => {
    const outcome = sut(mla(), status('SUBMITTED', 'XX-NOBODY'), stateOf);
    expect(outcome).toMatchObject({ ok: false, refusal: { code: JudicialErrorCode.AuthorityUnknown } });
  });

  it('refuses a withdrawal by the requested side: only the requester withdraws', () => {
    const outcome = sut(underReview(), status('WITHDRAWN', 'NE-DACG'), stateOf);
    expect(outcome).toMatchObject({ ok: false, refusal: { code: JudicialErrorCode.TransitionWrongParty } });
    expect(sut(underReview(), status('WITHDRAWN', 'ML-DACG'), stateOf)).toMatchObject({ ok: true });
  });

  it('refuses a refusal without grounds, and records the grounds of one that has them', () => {
    expect(sut(underReview(), status('REFUSED', 'NE-DACG'), stateOf)).toMatchObject({
      ok: false,
      refusal: {
        code: JudicialErrorCode.GroundsMissing,
        reason: expect.any(String),
        raison: expect.any(String),
      },
    });
    const blank = status('REFUSED', 'NE-DACG', { grounds: { ground: 'other', text: '  ' } });
    expect(sut(underReview(), blank, stateOf)).toMatchObject({
      ok: false,
      refusal: { code: JudicialErrorCode.GroundsMissing },
    });

    const grounds = {
      ground: 'political-offence' as const,
      text: 'the acts are held to be a political offence',
    };
    const outcome = sut(underReview(), status('REFUSED', 'NE-DACG', { grounds }), stateOf);
    expect(outcome).toMatchObject({ ok: true, record: { state: 'REFUSED' }, change: { grounds } });
  });

  it('refuses a status about another request, and a state that does not exist', () => {
    expect(sut(mla(), status('SUBMITTED', 'ML-DACG', { requestId: 'r-2' }), stateOf)).toMatchObject({
      ok: false,
      refusal: { code: JudicialErrorCode.StatusInvalid },
    });
    expect(sut(mla(), status('LOST', 'ML-DACG'), stateOf)).toMatchObject({
      ok: false,
      refusal: { code: JudicialErrorCode.StatusInvalid },
    });
  });

  it('refuses a move dated before the last one, or not dated at all: durations are counted from these dates', () => {
    const submitted = walk(mla(), ['SUBMITTED', 'ML-DACG']);
    const early = status('RECEIVED', 'NE-DACG', { at: '2026-12-04T09:59:59Z' });
    const undated = status('RECEIVED', 'NE-DACG', { at: 'yesterday' });

    expect(sut(submitted, early, stateOf)).toMatchObject({
      ok: false,
      refusal: {
        code: JudicialErrorCode.StatusInvalid,
        reason: expect.stringContaining('before the last move'),
      },
    });
    expect(sut(submitted, undated, stateOf)).toMatchObject({
      ok: false,
      refusal: { code: JudicialErrorCode.StatusInvalid },
    });
    // The same instant in another zone is not earlier.
    expect(
      sut(submitted, status('RECEIVED', 'NE-DACG', { at: '2026-12-04T11:00:00+01:00' }), stateOf).ok,
    ).toBe(true);
  });

  it('leaves the record it was given untouched', () => {
    const record = mla();
    const before = JSON.stringify(record);
    sut(record, status('SUBMITTED', 'ML-DACG'), stateOf);
    expect(JSON.stringify(record)).toBe(before);
  });
});

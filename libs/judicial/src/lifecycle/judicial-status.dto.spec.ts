import { JudicialErrorCode } from '../judicial.error';
import { validateJudicialStatus as sut } from './judicial-status.dto';

const valid = {
  requestId: '6f1c2a4e-8b3d-4c5e-9f10-2a3b4c5d6e7f',
  status: 'REFUSED',
  authority: 'NE-DACG',
  at: '2026-12-04T10:00:00+01:00',
  grounds: { ground: 'dual-criminality', text: 'the acts are not an offence in Niger' },
};

describe('validateJudicialStatus', () => {
  it('accepts a well-formed status', () => {
    expect(sut(valid)).toMatchObject({ ok: true, status: { status: 'REFUSED' } });
  });

  it.each([
    ['an unknown state', { status: 'LOST' }, 'status'],
    ['a date without a zone', { at: '2026-12-04T10:00:00' }, 'at'],
    ['an uncoded ground', { grounds: { ground: 'because', text: 'x' } }, 'grounds.ground'],
    ['a request id that is no UUID', { requestId: 'r-1' }, 'requestId'],
    ['an extra field', { by: 'requested' }, 'by'],
  ])('refuses %s as JUDICIAL_STATUS_INVALID', (_name, change, path) => {
    expect(sut({ ...valid, ...change })).toMatchObject({
      ok: false,
      issues: [expect.objectContaining({ code: JudicialErrorCode.StatusInvalid, path })],
    });
  });

  it('refuses what is not an object', () => {
    expect(sut('REFUSED')).toMatchObject({ ok: false, issues: [{ code: JudicialErrorCode.StatusInvalid }] });
  });
});

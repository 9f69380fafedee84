// The directory the gateway ships (config/judicial-directory.yaml): the seventeen states, their
// networks as the sources record them, and nothing but placeholder contacts.
import { join } from 'node:path';
import { reminderDays } from '../follow-up/follow-up.policy';
import { loadJudicialDirectory } from './directory.reader';
import type { JudicialDirectory } from './judicial-directory';

const FILE = join(__dirname, '../../../../config/judicial-directory.yaml');
const sorted = (ids: string[]): string[] => [...ids].sort();
const ECOWAS_AT_WACAP_FOUNDING = [
  'BJ',
  'BF',
  'CV',
  'CI',
  'GM',
  'GH',
  'GN',
  'GW',
  'LR',
  'ML',
  'NE',
  'NG',
  'SN',
  'SL',
  'TG',
];

describe('config/judicial-directory.yaml', () => {
  let sut: JudicialDirectory;
  beforeAll(async () => (sut = await loadJudicialDirectory(FILE)));

  it('lists the 17 states: ECOWAS when WACAP was founded, Mauritania and Chad', () => {
    expect(sorted(sut.states.map((state) => state.id))).toEqual(
      sorted([...ECOWAS_AT_WACAP_FOUNDING, 'MR', 'TD']),
    );
    expect(sorted(sut.membersOf('ecowas', '2013-05-15'))).toEqual(sorted(ECOWAS_AT_WACAP_FOUNDING));
  });

  it('records the networks over time: the Sahel platform, WACAP, and the 2025 departures from ECOWAS', () => {
    expect(sorted(sut.membersOf('sahel-platform', '2026-12-04'))).toEqual([
      'BF',
      'ML',
      'MR',
      'NE',
      'SN',
      'TD',
    ]);
    expect(sorted(sut.membersOf('sahel-platform', '2012-01-01'))).toEqual(['BF', 'ML', 'MR', 'NE']);
    expect(sorted(sut.membersOf('wacap', '2026-12-04'))).toEqual(sorted([...ECOWAS_AT_WACAP_FOUNDING, 'MR']));
    for (const state of ['BF', 'ML', 'NE']) {
      expect(sut.isMember(state, 'ecowas', '2025-01-28')).toBe(true);
      expect(sut.isMember(state, 'ecowas', '2025-01-29')).toBe(false);
    }
    expect(sut.membersOf('ecowas', '2026-12-04')).toHaveLength(12);
  });

  it('gives each state a central authority, each platform member a focal point and an alternate, each WACAP member two focal points', () => {
    const holders = (state: string, role: string): number =>
      sut.authorities.filter((a) => a.state === state && (a.roles as string[]).includes(role)).length;
    for (const state of sut.states) {
      expect(holders(state.id, 'mla-central-authority')).toBeGreaterThanOrEqual(1);
      expect(holders(state.id, 'extradition-central-authority')).toBeGreaterThanOrEqual(1);
    }
    for (const state of sut.membersOf('sahel-platform', '2026-12-04')) {
      expect([holders(state, 'platform-focal-point'), holders(state, 'platform-alternate')]).toEqual([1, 1]);
    }
    for (const state of sut.membersOf('wacap', '2026-12-04'))
      expect(holders(state, 'wacap-focal-point')).toBe(2);
  });

  it('holds placeholder contacts only, and a 24/7 line for every central authority and platform focal point', () => {
    for (const authority of sut.authorities) {
      for (const contact of authority.contacts) {
        expect(contact.value).toMatch(contact.kind === 'email' ? /@example\.org$/ : /^\+000 /);
      }
      if (
        authority.roles.some((role) => role === 'mla-central-authority' || role === 'platform-focal-point')
      ) {
        expect(authority.contacts.some((contact) => contact.available247)).toBe(true);
      }
    }
  });

  it('names one secretariat of the Sahel platform, which speaks for no state', () => {
    const secretariats = sut.withRole('platform-secretariat');

    expect(secretariats.map((authority) => authority.id)).toEqual(['PCJS-SEC']);
    expect(sut.stateOf('PCJS-SEC')).toBeUndefined();
    expect(sut.stateOf('ML-CA')).toBe('ML');
  });

  it('finds the ECOWAS conventions between two ECOWAS states, and none with Chad', () => {
    expect(sut.treatiesBetween('ML', 'NE', 'mla').map((t) => t.id)).toEqual(['ecowas-mla-1992']);
    expect(sut.treatiesBetween('ML', 'SN', 'extradition').map((t) => t.id)).toEqual([
      'ecowas-extradition-1994',
    ]);
    expect(sut.treatiesBetween('ML', 'TD')).toEqual([]);
  });

  it('ships its follow-up delays: a month by default, shorter when urgent or when a person is held', () => {
    const days = (kind: Parameters<typeof reminderDays>[1], urgency: Parameters<typeof reminderDays>[2]) =>
      reminderDays(sut.followUp, kind, urgency);
    expect(sut.data.followUp).toBeDefined();
    expect(days('mla', 'routine')).toBe(30);
    expect(days('mla', 'urgent')).toBe(7);
    expect(days('mla', 'immediate')).toBe(2);
    expect(days('extradition', 'routine')).toBe(14);
    expect(days('extradition', 'immediate')).toBe(1);
    expect(days('provisional-arrest', 'routine')).toBe(2);
  });
});

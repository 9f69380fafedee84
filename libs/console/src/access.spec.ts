import { may, readerOf } from './access';

describe(readerOf.name, () => {
  it('lets operators, viewers and the six platforms in, and no other certificate', () => {
    expect(readerOf({ id: 'OPS-A', role: 'operator' })).toEqual({ id: 'OPS-A', role: 'operator' });
    expect(readerOf({ id: 'VIEW-A', role: 'viewer' })).toEqual({ id: 'VIEW-A', role: 'viewer' });
    expect(readerOf({ id: 'NP-ML', role: 'platform' })).toEqual({
      id: 'NP-ML',
      role: 'platform',
      platform: 'NP-ML',
    });
    for (const identity of [
      { id: 'GATEWAY', role: 'gateway' },
      { id: 'I247-PEER', role: 'peer' },
      { id: 'TRIB-BAMAKO', role: 'authority' },
      { id: 'XX-FAKE', role: 'platform' },
    ]) {
      expect(readerOf(identity)).toBeUndefined();
    }
  });
});

describe(may.name, () => {
  it('gives actions to operators only, and a platform its messages only', () => {
    const operator = { id: 'OPS-A', role: 'operator' } as const;
    const viewer = { id: 'VIEW-A', role: 'viewer' } as const;
    const platform = { id: 'NP-ML', role: 'platform', platform: 'NP-ML' } as const;
    expect(['replay', 'discard', 'payload'].map((right) => may(operator, right as never))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['replay', 'discard', 'payload'].map((right) => may(viewer, right as never))).toEqual([
      false,
      false,
      false,
    ]);
    expect(may(viewer, 'dead-letters')).toBe(true);
    expect(
      ['messages', 'dashboard', 'dead-letters', 'holds'].map((right) => may(platform, right as never)),
    ).toEqual([true, false, false, false]);
  });
});

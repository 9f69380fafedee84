import type { StateChange } from '../lifecycle/judicial-status';
import type { NoticeLink } from './notice-link';
import { noticeStanding as sut } from './notice-standing';

const LINK: NoticeLink = {
  requestId: 'req-1',
  noticeId: 'notice-1',
  role: 'sought',
  linkedAt: '2026-12-04T10:00:00.000Z',
};

const entry = (stage: string, at: string, details: Record<string, unknown> = {}) =>
  ({ stage, at, details }) as Parameters<typeof sut>[1][number];

const OUTBOUND = [
  entry('received', '2026-12-01T00:00:00.000Z', { sender: 'NP-ML', type: 'person.wanted' }),
  entry('verified', '2026-12-01T00:00:01.000Z'),
  entry('routed', '2026-12-01T00:00:02.000Z', { destinations: ['RP', 'INTERPOL'] }),
  entry('mapped', '2026-12-01T00:00:03.000Z'),
  entry('signed', '2026-12-01T00:00:04.000Z'),
  entry('delivered', '2026-12-01T00:00:05.000Z', { destination: 'I-24/7' }),
];

const move = (to: StateChange['to'], at: string, authority = 'SN-CA'): StateChange => ({
  from: 'ACCEPTED',
  to,
  party: 'requested',
  authority,
  at,
});

describe('noticeStanding', () => {
  it('says a notice the gateway never saw is not-seen, and names the linked requests', () => {
    expect(sut(LINK, [], [{ requestId: 'req-1', history: [] }])).toEqual({
      ...LINK,
      status: 'not-seen',
      linkedRequests: ['req-1'],
    });
  });

  it('reads a platform notice delivered to INTERPOL as issued, with its sender and type', () => {
    const standing = sut(LINK, [...OUTBOUND, entry('judicial-linked', '2026-12-04T10:00:00.000Z')], []);
    expect(standing).toMatchObject({
      status: 'issued',
      sender: 'NP-ML',
      type: 'person.wanted',
      deliveredToInterpolAt: '2026-12-01T00:00:05.000Z',
      // The link's own entry is not the notice's standing.
      lastStage: 'delivered',
      lastAt: '2026-12-01T00:00:05.000Z',
    });
  });

  it('reads a notice from INTERPOL that was mapped as received', () => {
    const inbound = [
      entry('received', '2026-12-01T00:00:00.000Z', { sender: 'INTERPOL', type: 'person.wanted' }),
      entry('verified', '2026-12-01T00:00:01.000Z'),
      entry('mapped', '2026-12-01T00:00:02.000Z'),
      entry('delivered', '2026-12-01T00:00:03.000Z', { destination: 'RP' }),
    ];
    expect(sut(LINK, inbound, [])).toMatchObject({ status: 'received', sender: 'INTERPOL' });
  });

  it.each(['rejected', 'dead-lettered'])('reads a notice whose last stage is %s as not-issued', (stage) => {
    const refused = [...OUTBOUND.slice(0, 5), entry(stage, '2026-12-01T00:00:06.000Z')];
    expect(sut(LINK, refused, [])).toMatchObject({ status: 'not-issued', lastStage: stage });
  });

  it('reads a held notice as in-progress', () => {
    const held = [...OUTBOUND.slice(0, 2), entry('held', '2026-12-01T00:00:02.000Z')];
    expect(sut(LINK, held, [])).toMatchObject({ status: 'in-progress', lastStage: 'held' });
  });

  it('says the subject was arrested, and surrendered, under whichever linked request moved first', () => {
    const standing = sut(LINK, OUTBOUND, [
      { requestId: 'req-1', history: [move('SURRENDERED', '2026-12-09T00:00:00.000Z')] },
      {
        requestId: 'req-2',
        history: [
          move('PROVISIONAL_ARREST', '2026-12-05T00:00:00.000Z'),
          move('PERSON_ARRESTED', '2026-12-06T00:00:00.000Z', 'SN-MJ'),
        ],
      },
    ]);
    expect(standing.arrested).toEqual({
      requestId: 'req-2',
      state: 'PERSON_ARRESTED',
      at: '2026-12-06T00:00:00.000Z',
      authority: 'SN-MJ',
    });
    expect(standing.surrendered).toMatchObject({ requestId: 'req-1', state: 'SURRENDERED' });
    expect(standing.linkedRequests).toEqual(['req-1', 'req-2']);
  });

  it('says nothing of an arrest while no linked request reached one', () => {
    const standing = sut(LINK, OUTBOUND, [
      { requestId: 'req-1', history: [move('PROVISIONAL_ARREST', '2026-12-05T00:00:00.000Z')] },
    ]);
    expect(standing).not.toHaveProperty('arrested');
    expect(standing).not.toHaveProperty('surrendered');
  });
});

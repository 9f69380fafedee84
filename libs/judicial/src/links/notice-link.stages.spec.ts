import { journalEventId } from '@pcms/journal';
import type { StateChange } from '../lifecycle/judicial-status';
import { noticeLinkedStages, noticeMoveStages } from './notice-link.stages';

const REQUEST = {
  requestId: 'req-1',
  kind: 'extradition' as const,
  authorities: { requesting: 'ML-CA', requested: 'SN-CA' },
  parties: { requesting: 'ML', requested: 'SN' },
  noticeLinks: [
    {
      requestId: 'req-1',
      noticeId: 'notice-1',
      role: 'sought' as const,
      linkedAt: '2026-12-04T10:00:00.000Z',
    },
    {
      requestId: 'req-1',
      noticeId: '2026/12345',
      role: 'suspect' as const,
      linkedAt: '2026-12-04T10:00:00.000Z',
    },
  ],
};

const change = (to: StateChange['to']): StateChange => ({
  from: 'PROVISIONAL_ARREST',
  to,
  party: 'requested',
  authority: 'SN-CA',
  at: '2026-12-05T00:00:00.000Z',
});

describe('noticeLinkedStages', () => {
  it("journals each link on the notice's side, correlated with the request", () => {
    const stages = noticeLinkedStages(REQUEST);
    expect(stages.map((s) => [s.messageId, s.correlationId, s.stage])).toEqual([
      ['notice-1', 'req-1', 'judicial-linked'],
      ['2026/12345', 'req-1', 'judicial-linked'],
    ]);
    expect(stages[0].details).toEqual({
      event: 'linked',
      requestId: 'req-1',
      noticeId: 'notice-1',
      kind: 'extradition',
      role: 'sought',
      requesting: 'ML-CA',
      requested: 'SN-CA',
      states: 'ML→SN',
      linkedAt: '2026-12-04T10:00:00.000Z',
    });
  });

  it('gives two requests linked to one notice two events, and the same link said again the same one', () => {
    const id = (request: typeof REQUEST) => {
      const [stage] = noticeLinkedStages(request);
      return journalEventId(stage.messageId, stage.stage, 'judicial-adapter', stage.discriminator);
    };
    const other = {
      ...REQUEST,
      requestId: 'req-2',
      noticeLinks: [{ ...REQUEST.noticeLinks[0], requestId: 'req-2' }],
    };
    expect(id(REQUEST)).toBe(id({ ...REQUEST }));
    expect(id(other)).not.toBe(id(REQUEST));
  });

  it('journals nothing for a request without links', () => {
    expect(noticeLinkedStages({ ...REQUEST, noticeLinks: [] })).toEqual([]);
  });
});

describe('noticeMoveStages', () => {
  it.each([
    ['PERSON_ARRESTED', 'subject-arrested'],
    ['SURRENDERED', 'subject-surrendered'],
  ] as const)('tells every linked notice of a move to %s', (to, event) => {
    const stages = noticeMoveStages(REQUEST, change(to));
    expect(stages.map((s) => [s.messageId, s.details?.event, s.details?.state])).toEqual([
      ['notice-1', event, to],
      ['2026/12345', event, to],
    ]);
    expect(stages[0]).toMatchObject({ correlationId: 'req-1', discriminator: `req-1:${to}` });
  });

  it.each(['PROVISIONAL_ARREST', 'GRANTED', 'DENIED', 'CLOSED'] as const)(
    'says nothing of a move to %s',
    (to) => {
      expect(noticeMoveStages(REQUEST, change(to))).toEqual([]);
    },
  );
});

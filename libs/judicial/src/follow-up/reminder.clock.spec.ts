import type { StageEvent } from '@pcms/journal-emitter';
import type { FiredReminder, StoredJudicialRequest } from '../store/judicial-store.types';
import { fireDueReminders, owedBy, remindedStage, type ReminderClockDeps } from './reminder.clock';

const NOW = new Date('2026-12-04T12:00:00.000Z');

const request = (requestId: string): StoredJudicialRequest =>
  ({
    requestId,
    kind: 'mla',
    urgency: 'urgent',
    authorities: { requesting: 'ML-CA', requested: 'NE-CA' },
    parties: { requesting: 'ML', requested: 'NE' },
  }) as StoredJudicialRequest;

const reminder = (requestId: string, state: FiredReminder['state'] = 'SUBMITTED'): FiredReminder => ({
  requestId,
  armedOn: 1,
  state,
  days: 7,
  dueAt: '2026-12-01T00:00:00.000Z',
  firedAt: NOW.toISOString(),
});

/** A store whose recordReminders fires each (request, armedOn) once, as the real one does. */
function fakeStore(due: FiredReminder[]) {
  const recorded = new Set<string>();
  const calls: string[] = [];
  const store: ReminderClockDeps['store'] & { failNextRecord: boolean } = {
    failNextRecord: false,
    dueReminders: () => Promise.resolve(due.filter((r) => !recorded.has(`${r.requestId}#${r.armedOn}`))),
    recordReminders: (reminders) => {
      calls.push('record');
      if (store.failNextRecord) {
        store.failNextRecord = false;
        return Promise.reject(new Error('database gone'));
      }
      const fresh = reminders.filter((r) => !recorded.has(`${r.requestId}#${r.armedOn}`));
      for (const r of fresh) recorded.add(`${r.requestId}#${r.armedOn}`);
      return Promise.resolve([...fresh]);
    },
    find: (requestId) => Promise.resolve(request(requestId)),
  };
  return { store, calls };
}

describe('owedBy', () => {
  it.each([
    ['mla', 'SUBMITTED', 'requested'],
    ['mla', 'UNDER_REVIEW', 'requested'],
    ['mla', 'IN_EXECUTION', 'requested'],
    ['mla', 'INFO_REQUESTED', 'requesting'],
    ['mla', 'EXECUTED', 'requesting'],
    ['mla', 'PARTIALLY_EXECUTED', 'requested'],
    ['extradition', 'PERSON_ARRESTED', 'requested'],
    ['extradition', 'SURRENDERED', 'requesting'],
    ['provisional-arrest', 'PERSON_ARRESTED', 'requesting'],
  ] as const)('%s in %s: the %s side owes the next move', (kind, state, party) => {
    expect(owedBy(kind, state)).toBe(party);
  });
});

describe('remindedStage', () => {
  it('journals the reminder on the request: who is reminded, of what state, after how many days', () => {
    expect(
      remindedStage({ reminder: reminder('req-1', 'INFO_REQUESTED'), request: request('req-1') }),
    ).toEqual({
      messageId: 'req-1',
      correlationId: 'req-1',
      stage: 'reminded',
      details: {
        requestId: 'req-1',
        kind: 'mla',
        urgency: 'urgent',
        state: 'INFO_REQUESTED',
        days: 7,
        dueAt: '2026-12-01T00:00:00.000Z',
        armedOn: 1,
        owedBy: 'requesting',
        reminded: 'ML-CA',
        states: 'ML→NE',
        delivery: 'recorded',
      },
      discriminator: 'armed-1',
    });
  });

  it('names who ran the scan when told', () => {
    const stage = remindedStage(
      { reminder: reminder('req-1'), request: request('req-1') },
      'judicial-adapter#2',
    );
    expect(stage.details).toMatchObject({
      runBy: 'judicial-adapter#2',
      reminded: 'NE-CA',
      owedBy: 'requested',
    });
  });
});

describe('fireDueReminders', () => {
  it('journals the due reminders before it records them, and returns those it recorded', async () => {
    const { store, calls } = fakeStore([reminder('req-1'), reminder('req-2')]);
    const emit = jest.fn((stages: readonly StageEvent[]) => {
      calls.push(`emit ${stages.length}`);
      return Promise.resolve();
    });

    const fired = await fireDueReminders({ store, policy: { defaultDays: 7, rules: [] }, emit }, NOW);

    expect(calls).toEqual(['emit 2', 'record']);
    expect(fired.map((fact) => fact.reminder.requestId)).toEqual(['req-1', 'req-2']);
    expect(await fireDueReminders({ store, policy: { defaultDays: 7, rules: [] }, emit }, NOW)).toEqual([]);
    expect(emit).toHaveBeenCalledTimes(1);
  });

  it('journals again, under the same event, a reminder whose recording failed; records it then', async () => {
    const { store } = fakeStore([reminder('req-1')]);
    const emitted: StageEvent[] = [];
    const deps = {
      store,
      policy: { defaultDays: 7, rules: [] },
      emit: (stages: readonly StageEvent[]) => {
        emitted.push(...stages);
        return Promise.resolve();
      },
    };
    store.failNextRecord = true;

    await expect(fireDueReminders(deps, NOW)).rejects.toThrow('database gone');
    const fired = await fireDueReminders(deps, NOW);

    expect(fired).toHaveLength(1);
    expect(emitted.map((stage) => [stage.messageId, stage.discriminator])).toEqual([
      ['req-1', 'armed-1'],
      ['req-1', 'armed-1'],
    ]);
  });

  it('records nothing when the journal does not confirm: the reminders stay due', async () => {
    const { store, calls } = fakeStore([reminder('req-1')]);
    const deps = {
      store,
      policy: { defaultDays: 7, rules: [] },
      emit: () => Promise.reject(new Error('broker gone')),
    };

    await expect(fireDueReminders(deps, NOW)).rejects.toThrow('broker gone');

    expect(calls).toEqual([]);
    expect(await store.dueReminders({ defaultDays: 7, rules: [] }, NOW)).toHaveLength(1);
  });
});

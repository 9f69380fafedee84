// The reminders' clock (issue 15 point 5): what one scan does, whoever runs it (the judicial
// adapter every judicialAdapter.reminderScanSeconds under a lease, or a test). A reminder is
// RECORDED and JOURNALED, not sent: the gateway is not an authority of the directory and signs
// nothing as one, so it does not write to a central authority in the secretariat's name. The focal
// points see reminders in `pcms judicial show` and `pcms judicial list --overdue`, and operators in
// the journal (`reminded`), the log and the metric.
import type { StageEvent } from '@pcms/journal-emitter';
import type { Party, RequestKind } from '../judicial.constants';
import type { JudicialState } from '../lifecycle/judicial-states';
import { TRANSITIONS } from '../lifecycle/transition.table';
import type { FiredReminder, JudicialStore, StoredJudicialRequest } from '../store/judicial-store.types';
import type { FollowUpPolicy } from './follow-up.policy';

/**
 * The app every reminder is journaled as, whoever fires it (an adapter's clock, `pcms judicial
 * remind`): the event id includes the app, so one reminder is one event whoever raced to it.
 */
export const JUDICIAL_FOLLOW_UP_APP = 'judicial-follow-up';

/** Moves that end a request rather than carry it on: they are not what a reminder asks for. */
const ENDINGS: readonly JudicialState[] = ['WITHDRAWN', 'REFUSED', 'DENIED'];

/**
 * The side that owes the next move in `state`: the one whose moves carry the request on (the
 * requested side reviews and executes; the requester answers a request for information and closes).
 */
export function owedBy(kind: RequestKind, state: JudicialState): Party {
  const parties = new Set(
    TRANSITIONS.filter(
      (row) => row.from === state && row.kinds.includes(kind) && !ENDINGS.includes(row.to),
    ).map((row) => row.by),
  );
  return parties.size === 1 && parties.has('requesting') ? 'requesting' : 'requested';
}

export interface ReminderFacts {
  reminder: FiredReminder;
  request: Pick<StoredJudicialRequest, 'requestId' | 'kind' | 'urgency' | 'authorities' | 'parties'>;
}

/**
 * `reminded`, on the request (messageId and correlationId = the request id, so that a trace or a
 * search of the request shows it); one per quiet spell: its event id is the request's and the
 * number of moves it had, so the same reminder journaled twice is written once.
 */
export function remindedStage({ reminder, request }: ReminderFacts, runBy?: string): StageEvent {
  const party = owedBy(request.kind, reminder.state);
  return {
    messageId: request.requestId,
    correlationId: request.requestId,
    stage: 'reminded',
    details: {
      requestId: request.requestId,
      kind: request.kind,
      urgency: request.urgency,
      state: reminder.state,
      days: reminder.days,
      dueAt: reminder.dueAt,
      armedOn: reminder.armedOn,
      owedBy: party,
      reminded: request.authorities[party],
      states: `${request.parties.requesting}→${request.parties.requested}`,
      delivery: 'recorded',
      ...(runBy === undefined ? {} : { runBy }),
    },
    discriminator: `armed-${reminder.armedOn}`,
  };
}

export interface ReminderClockDeps {
  store: Pick<JudicialStore, 'dueReminders' | 'recordReminders' | 'find'>;
  policy: FollowUpPolicy;
  /**
   * Resolves once the journal events are confirmed: JournalEmitter.as(JUDICIAL_FOLLOW_UP_APP).emit.
   */
  emit: (stages: readonly StageEvent[]) => Promise<void>;
  /** Who ran the scan (`judicial-adapter#1`, `pcms-cli`), for the record. */
  runBy?: string;
}

/**
 * One scan: the due reminders journaled first, then recorded. A crash in between leaves them due:
 * the next scan journals them again under the same event ids (dropped by the journal writer) and
 * records them. Returns those this scan recorded, with their requests.
 */
export async function fireDueReminders(deps: ReminderClockDeps, now: Date): Promise<ReminderFacts[]> {
  const due = await deps.store.dueReminders(deps.policy, now);
  if (due.length === 0) return [];
  const facts: ReminderFacts[] = [];
  for (const reminder of due) {
    const request = await deps.store.find(reminder.requestId);
    if (request !== undefined) facts.push({ reminder, request });
  }
  await deps.emit(facts.map((fact) => remindedStage(fact, deps.runBy)));
  const recorded = await deps.store.recordReminders(facts.map((fact) => fact.reminder));
  const fired = new Set(recorded.map((reminder) => `${reminder.requestId}#${reminder.armedOn}`));
  return facts.filter(({ reminder }) => fired.has(`${reminder.requestId}#${reminder.armedOn}`));
}

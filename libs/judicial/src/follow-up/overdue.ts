// Whether a request has sat too long: days counted from its last move (or from when it was stored),
// for every state in which the other side owes something. DRAFT is the author's own business and a
// final state owes nothing.
import type { RequestKind, RequestUrgency } from '../judicial.constants';
import type { JudicialState } from '../lifecycle/judicial-states';
import { isFinal } from '../lifecycle/transition.table';
import { reminderDays, type FollowUpPolicy } from './follow-up.policy';

export const DAY_MS = 86_400_000;

export interface FollowedRequest {
  kind: RequestKind;
  urgency: RequestUrgency;
  state: JudicialState;
  lastMoveAt: string;
}

export interface Overdue {
  /** The policy's delay for the request's kind and urgency. */
  days: number;
  dueAt: string;
}

export function overdueOf(request: FollowedRequest, policy: FollowUpPolicy, now: Date): Overdue | undefined {
  if (request.state === 'DRAFT' || isFinal(request.kind, request.state)) return undefined;
  const days = reminderDays(policy, request.kind, request.urgency);
  const due = Date.parse(request.lastMoveAt) + days * DAY_MS;
  return now.getTime() >= due ? { days, dueAt: new Date(due).toISOString() } : undefined;
}

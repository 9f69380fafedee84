// How long a request may sit without a move before the focal points are reminded of it. The
// policy is the networks' own practice, agreed at their meetings, so it travels with the directory
// they maintain (`followUp` in config/judicial-directory.yaml), not with a deployment's settings.
import type { RequestKind, RequestUrgency } from '../judicial.constants';

export interface FollowUpRule {
  /** Absent: every kind. */
  kind?: RequestKind;
  /** Absent: every urgency. */
  urgency?: RequestUrgency;
  /** Whole days without a move after which a reminder is due. */
  days: number;
}

export interface FollowUpPolicy {
  /** For a request no rule matches. */
  defaultDays: number;
  rules: readonly FollowUpRule[];
}

/**
 * When the directory says nothing: a month for routine requests, a week for urgent ones, two days
 * when a person may be released (immediate), whatever the kind.
 */
export const DEFAULT_FOLLOW_UP: FollowUpPolicy = {
  defaultDays: 30,
  rules: [
    { urgency: 'urgent', days: 7 },
    { urgency: 'immediate', days: 2 },
  ],
};

/** A rule naming both kind and urgency beats one naming the kind, which beats one naming the urgency. */
function specificity(rule: FollowUpRule): number {
  return (rule.kind === undefined ? 0 : 2) + (rule.urgency === undefined ? 0 : 1);
}

/** The days without a move after which a request of this kind and urgency is overdue. */
export function reminderDays(policy: FollowUpPolicy, kind: RequestKind, urgency: RequestUrgency): number {
  let best: FollowUpRule | undefined;
  for (const rule of policy.rules) {
    if (rule.kind !== undefined && rule.kind !== kind) continue;
    if (rule.urgency !== undefined && rule.urgency !== urgency) continue;
    if (best === undefined || specificity(rule) > specificity(best)) best = rule;
  }
  return best?.days ?? policy.defaultDays;
}

// The alerts' state machine, pure: given the previous state and this evaluation's measurements, the
// next state and the transitions to announce. An alert fires once when its condition has held for
// `forSeconds`, stays firing while the value is between `clear` and `fire` (hysteresis), and clears
// once when it has recovered for `forSeconds`. Nothing else is announced: no repeat, no flapping.
import type { AlertRuleId, Direction, Threshold } from './alert-rules';
import { alertKey, type Measurement } from './alert-signals';

/**
 * `pending`: the condition holds, not yet for long enough; `firing`: announced; `resolving`: was
 * firing, the value has recovered, not yet for long enough (still shown as firing).
 */
export type AlertPhase = 'pending' | 'firing' | 'resolving';

export interface AlertMachine {
  readonly rule: AlertRuleId;
  readonly subject: string;
  readonly phase: AlertPhase;
  /** When the current phase began (ISO 8601). */
  readonly since: string;
  /** The latest value measured. */
  readonly value: number;
  readonly threshold: Threshold;
  readonly direction: Direction;
  /** Once fired: the occurrence's id (its journal "message" id) and when it fired. */
  readonly id?: string;
  readonly firedAt?: string;
}

/** Alert key (alertKey) → its machine; an alert in no phase has none. */
export type AlertState = Readonly<Record<string, AlertMachine>>;

export interface AlertTransition {
  readonly kind: 'fired' | 'cleared';
  /** The occurrence: the same id for its `fired` and its `cleared`. */
  readonly id: string;
  readonly rule: AlertRuleId;
  readonly subject: string;
  readonly value: number;
  readonly threshold: Threshold;
  readonly direction: Direction;
  readonly firedAt: string;
  readonly at: string;
}

export function breaches(m: Pick<Measurement, 'value' | 'threshold' | 'direction'>): boolean {
  return m.direction === 'above' ? m.value > m.threshold.fire : m.value < m.threshold.fire;
}

export function recovered(m: Pick<Measurement, 'value' | 'threshold' | 'direction'>): boolean {
  return m.direction === 'above' ? m.value <= m.threshold.clear : m.value >= m.threshold.clear;
}

/**
 * One evaluation. `unknown` lists the keys whose signal could not be read this time: their machines
 * are kept as they are. A key with neither a measurement nor an unknown signal has recovered (its
 * subject is gone) and clears after `forSeconds` like any other. `newId` names an occurrence.
 */
export function stepAlerts(
  state: AlertState,
  measurements: readonly Measurement[],
  now: Date,
  newId: () => string,
  unknown: readonly string[] = [],
): { state: AlertState; transitions: AlertTransition[] } {
  const next: Record<string, AlertMachine> = {};
  const transitions: AlertTransition[] = [];
  const at = now.toISOString();
  const held = (machine: AlertMachine) =>
    (now.getTime() - Date.parse(machine.since)) / 1000 >= machine.threshold.forSeconds;
  const fire = (machine: AlertMachine): AlertMachine => {
    const fired = { ...machine, phase: 'firing' as const, since: at, id: newId(), firedAt: at };
    transitions.push(transitionOf('fired', fired, at));
    return fired;
  };
  const seen = new Set<string>();

  for (const m of measurements) {
    const key = alertKey(m.rule, m.subject);
    seen.add(key);
    const before = state[key];
    const current = {
      rule: m.rule,
      subject: m.subject,
      value: m.value,
      threshold: m.threshold,
      direction: m.direction,
    };
    if (!before) {
      if (!breaches(m)) continue;
      const pending: AlertMachine = { ...current, phase: 'pending', since: at };
      next[key] = held(pending) ? fire(pending) : pending;
    } else if (before.phase === 'pending') {
      if (!breaches(m)) continue;
      const pending = { ...before, ...current };
      next[key] = held(pending) ? fire(pending) : pending;
    } else if (!recovered(m)) {
      next[key] = {
        ...before,
        ...current,
        phase: 'firing',
        since: before.phase === 'firing' ? before.since : at,
      };
    } else {
      const resolving: AlertMachine =
        before.phase === 'resolving'
          ? { ...before, ...current }
          : { ...before, ...current, phase: 'resolving', since: at };
      if (held(resolving)) transitions.push(transitionOf('cleared', resolving, at));
      else next[key] = resolving;
    }
  }

  for (const [key, before] of Object.entries(state)) {
    if (seen.has(key)) continue;
    if (unknown.includes(key)) {
      next[key] = before;
      continue;
    }
    // The subject is gone (a hold decided, a queue deleted, a rule removed): it has recovered.
    if (before.phase === 'pending') continue;
    const resolving: AlertMachine =
      before.phase === 'resolving' ? before : { ...before, phase: 'resolving', since: at };
    if (held(resolving)) transitions.push(transitionOf('cleared', resolving, at));
    else next[key] = resolving;
  }
  return { state: next, transitions };
}

/** The alerts shown as firing: fired and not yet cleared, oldest first. */
export function firingAlerts(state: AlertState): AlertMachine[] {
  return Object.values(state)
    .filter((machine) => machine.phase !== 'pending')
    .sort((a, b) => (a.firedAt ?? '').localeCompare(b.firedAt ?? '') || a.subject.localeCompare(b.subject));
}

function transitionOf(kind: AlertTransition['kind'], machine: AlertMachine, at: string): AlertTransition {
  return {
    kind,
    id: machine.id ?? '',
    rule: machine.rule,
    subject: machine.subject,
    value: machine.value,
    threshold: machine.threshold,
    direction: machine.direction,
    firedAt: machine.firedAt ?? at,
    at,
  };
}

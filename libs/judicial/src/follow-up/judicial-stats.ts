// The figures the focal points review at their meetings, per pair of states (requesting →
// requested): requests by current state, median days from submission to acknowledgement and to
// execution, refusals by ground. Computed from the stored histories, so any period can be re-run.
import { REFUSAL_GROUNDS, type RefusalGround, type RequestKind } from '../judicial.constants';
import { JUDICIAL_STATES, type JudicialState } from '../lifecycle/judicial-states';
import type { StateChange } from '../lifecycle/judicial-status';
import { DAY_MS } from './overdue';

/** What "executed" means for each kind: the assistance given, the person handed over or arrested. */
export const EXECUTION_STATE: Readonly<Record<RequestKind, JudicialState>> = {
  mla: 'EXECUTED',
  'transfer-of-proceedings': 'EXECUTED',
  supplementary: 'EXECUTED',
  extradition: 'SURRENDERED',
  'provisional-arrest': 'PERSON_ARRESTED',
};

export interface StatsInput {
  kind: RequestKind;
  /** When the gateway stored it: the request's date until it is SUBMITTED. */
  storedAt: string;
  parties: Readonly<{ requesting: string; requested: string }>;
  state: JudicialState;
  history: readonly StateChange[];
}

export interface PairStats {
  requesting: string;
  requested: string;
  total: number;
  byState: Record<JudicialState, number>;
  /** How many were acknowledged: the sample of the median below. */
  acknowledged: number;
  /** Days from SUBMITTED to ACKNOWLEDGED, to one decimal; null when none was acknowledged. */
  medianDaysToAcknowledge: number | null;
  executed: number;
  /** Days from SUBMITTED to EXECUTION_STATE of the kind, to one decimal. */
  medianDaysToExecute: number | null;
  /** REFUSED and DENIED, by the ground they gave. */
  refusalsByGround: Record<RefusalGround, number>;
}

/** A meeting's period, days inclusive (YYYY-MM-DD, UTC). */
export interface StatsPeriod {
  since?: string;
  until?: string;
}

/** The day a request was submitted (its first SUBMITTED move), or stored if it never was. */
export function submittedOn(request: Pick<StatsInput, 'history' | 'storedAt'>): string {
  const submitted = request.history.find((change) => change.to === 'SUBMITTED');
  return new Date(Date.parse(submitted?.at ?? request.storedAt)).toISOString().slice(0, 10);
}

export function submittedIn(request: Pick<StatsInput, 'history' | 'storedAt'>, period: StatsPeriod): boolean {
  const day = submittedOn(request);
  return (
    (period.since === undefined || day >= period.since) && (period.until === undefined || day <= period.until)
  );
}

/** The middle value, or the mean of the two middle ones. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const oneDecimal = (days: number | null): number | null =>
  days === null ? null : Math.round(days * 10) / 10;

/** Days from the first SUBMITTED to the first move into `to`; undefined when either is missing. */
function daysBetweenSubmissionAnd(history: readonly StateChange[], to: JudicialState): number | undefined {
  const submitted = history.find((change) => change.to === 'SUBMITTED');
  const reached = history.find((change) => change.to === to);
  if (submitted === undefined || reached === undefined) return undefined;
  return (Date.parse(reached.at) - Date.parse(submitted.at)) / DAY_MS;
}

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

export function judicialStats(requests: readonly StatsInput[]): PairStats[] {
  const pairs = new Map<string, { requesting: string; requested: string; requests: StatsInput[] }>();
  for (const request of requests) {
    const { requesting, requested } = request.parties;
    const key = `${requesting}>${requested}`;
    const pair = pairs.get(key) ?? { requesting, requested, requests: [] };
    pair.requests.push(request);
    pairs.set(key, pair);
  }
  return [...pairs.values()]
    .sort((a, b) => a.requesting.localeCompare(b.requesting) || a.requested.localeCompare(b.requested))
    .map(({ requesting, requested, requests: ofPair }) => {
      const byState = zeroes(JUDICIAL_STATES);
      const refusalsByGround = zeroes(REFUSAL_GROUNDS);
      const toAcknowledge: number[] = [];
      const toExecute: number[] = [];
      for (const request of ofPair) {
        byState[request.state] += 1;
        const acknowledged = daysBetweenSubmissionAnd(request.history, 'ACKNOWLEDGED');
        if (acknowledged !== undefined) toAcknowledge.push(acknowledged);
        const executed = daysBetweenSubmissionAnd(request.history, EXECUTION_STATE[request.kind]);
        if (executed !== undefined) toExecute.push(executed);
        for (const change of request.history) {
          if ((change.to === 'REFUSED' || change.to === 'DENIED') && change.grounds !== undefined) {
            refusalsByGround[change.grounds.ground] += 1;
          }
        }
      }
      return {
        requesting,
        requested,
        total: ofPair.length,
        byState,
        acknowledged: toAcknowledge.length,
        medianDaysToAcknowledge: oneDecimal(median(toAcknowledge)),
        executed: toExecute.length,
        medianDaysToExecute: oneDecimal(median(toExecute)),
        refusalsByGround,
      };
    });
}

// Requests and histories for the judicial store's specs: the shipped fixtures under a fresh id,
// and statuses dated in whole days from a fixed start so that the figures can be worked by hand.
import {
  DAY_MS,
  loadJudicialDirectory,
  type JudicialDirectory,
  type JudicialState,
  type JudicialStatus,
  type JudicialStore,
  type RefusalGround,
} from '@pcms/judicial';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/harness-config';

export const DAY0 = Date.parse('2026-01-05T08:00:00.000Z');
export const day = (n: number): Date => new Date(DAY0 + n * DAY_MS);

const FIXTURES = join(PROJECT_ROOT, 'libs/judicial/fixtures/requests/ok');

export function shippedDirectory(): Promise<JudicialDirectory> {
  return loadJudicialDirectory(join(PROJECT_ROOT, 'config', 'judicial-directory.yaml'));
}

/** A fixture's bytes under a new id: `mla-mali-to-niger` (urgent) or `extradition-mali-to-senegal` (immediate). */
export function requestBytes(
  fixture: 'mla-mali-to-niger' | 'extradition-mali-to-senegal',
  changes: Record<string, unknown> = {},
): { requestId: string; bytes: Buffer } {
  const request = JSON.parse(readFileSync(join(FIXTURES, `${fixture}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  const requestId = randomUUID();
  return { requestId, bytes: Buffer.from(JSON.stringify({ ...request, requestId, ...changes }, null, 2)) };
}

export type Step = [to: JudicialState, authority: string, onDay: number, grounds?: RefusalGround];

export function status(requestId: string, [to, authority, onDay, ground]: Step): JudicialStatus {
  return {
    requestId,
    status: to,
    authority,
    at: day(onDay).toISOString(),
    reason: `${to} on day ${onDay}`,
    ...(ground === undefined ? {} : { grounds: { ground, text: `refused: ${ground}` } }),
  };
}

/** Applies every step, each recorded on its own day; fails on the first that is not a move. */
export async function walk(
  store: JudicialStore,
  directory: JudicialDirectory,
  requestId: string,
  steps: readonly Step[],
): Promise<void> {
  for (const step of steps) {
    const outcome = await store.move(status(requestId, step), directory.stateOf, day(step[2]));
    if (outcome.outcome !== 'moved') throw new Error(`${step.join(' ')}: ${JSON.stringify(outcome)}`);
  }
}

const ML = 'ML-CA';
const NE = 'NE-CA';
const SN = 'SN-CA';

/** Mali to Niger, every state to CLOSED: acknowledged on day `ack`, executed on day `executed`. */
export const mlaToClosed = (ack: number, executed: number): Step[] => [
  ['SUBMITTED', ML, 0],
  ['RECEIVED', NE, ack],
  ['ACKNOWLEDGED', NE, ack],
  ['UNDER_REVIEW', NE, ack],
  ['ACCEPTED', NE, ack],
  ['IN_EXECUTION', NE, ack],
  ['EXECUTED', NE, executed],
  ['CLOSED', ML, executed],
];

export const mlaRefused = (ack: number, ground: RefusalGround): Step[] => [
  ['SUBMITTED', ML, 0],
  ['RECEIVED', NE, ack],
  ['ACKNOWLEDGED', NE, ack],
  ['UNDER_REVIEW', NE, ack],
  ['REFUSED', NE, ack + 1, ground],
];

const extraditionToArrest = (ack: number): Step[] => [
  ['SUBMITTED', ML, 0],
  ['RECEIVED', SN, ack],
  ['ACKNOWLEDGED', SN, ack],
  ['UNDER_REVIEW', SN, ack],
  ['ACCEPTED', SN, ack],
  ['PERSON_ARRESTED', SN, ack + 1],
];

export const extraditionSurrendered = (ack: number, surrendered: number): Step[] => [
  ...extraditionToArrest(ack),
  ['GRANTED', SN, surrendered - 1],
  ['SURRENDERED', SN, surrendered],
];

export const extraditionDenied = (ack: number, ground: RefusalGround): Step[] => [
  ...extraditionToArrest(ack),
  ['DENIED', SN, ack + 2, ground],
];

import type { HeaderValue } from '../topology/topology.types';
import type { AmqpMessage } from './amqp-message';

/**
 * What a handler decides about a message. It is returned, not thrown, so that every consumer
 * states its failure handling (STYLE.md: failure is data).
 */
export type ConsumerOutcome =
  | { readonly kind: 'ack' }
  | {
      readonly kind: 'dead-letter';
      readonly code: string;
      readonly reason: string;
      readonly stage: string;
      readonly record?: DeadLetterRecord;
    }
  | {
      readonly kind: 'requeue';
      /** Why it goes round again: named in the dead letter once the delivery limit is reached. */
      readonly code: string;
      readonly reason: string;
      /** Steps already done and confirmed (e.g. `forwarded`): the retry must not do them twice. */
      readonly done?: readonly string[];
    };

/**
 * What the dead letter keeps instead of the message's body, with headers of its own: a body
 * refused for its size is recorded (size, digest of its first bytes), never kept.
 */
export interface DeadLetterRecord {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, HeaderValue | undefined>>;
}

export const Outcome = {
  ack: (): ConsumerOutcome => ({ kind: 'ack' }),
  deadLetter: (code: string, reason: string, stage: string, record?: DeadLetterRecord): ConsumerOutcome => ({
    kind: 'dead-letter',
    code,
    reason,
    stage,
    ...(record ? { record } : {}),
  }),
  /** Back to the queue after a growing delay, at most the delivery limit (topology `retry`). */
  requeue: (code: string, reason: string, done?: readonly string[]): ConsumerOutcome => ({
    kind: 'requeue',
    code,
    reason,
    ...(done && done.length > 0 ? { done } : {}),
  }),
} as const;

export type MessageHandler = (message: AmqpMessage) => ConsumerOutcome | Promise<ConsumerOutcome>;

/** Turns an error thrown by a handler into an outcome: a consumer never crashes and never loses. */
export type ErrorPolicy = (error: unknown, message: AmqpMessage, stage: string) => ConsumerOutcome;

export const UNEXPECTED_ERROR_CODE = 'UNEXPECTED';
export const INVALID_OUTCOME_CODE = 'INVALID_OUTCOME';
const MAX_REASON_LENGTH = 512;

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}

export const deadLetterUnexpected: ErrorPolicy = (error, _message, stage) =>
  Outcome.deadLetter(UNEXPECTED_ERROR_CODE, describeError(error), stage);

export function isConsumerOutcome(value: unknown): value is ConsumerOutcome {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  const candidate = value as Record<string, unknown>;
  switch (candidate.kind) {
    case 'ack':
      return true;
    case 'requeue':
      return typeof candidate.code === 'string' && typeof candidate.reason === 'string';
    case 'dead-letter':
      return (
        typeof candidate.code === 'string' &&
        typeof candidate.reason === 'string' &&
        typeof candidate.stage === 'string'
      );
    default:
      return false;
  }
}

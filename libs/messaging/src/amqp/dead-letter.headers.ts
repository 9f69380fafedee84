import type { HeaderValue } from '../topology/topology.types';
import type { AmqpMessage } from './amqp-message';

/** The reason of a rejection travels with the message (docs/architecture.md, wire formats). */
export const DeadLetterHeader = {
  errorCode: 'x-pcms-error-code',
  errorReason: 'x-pcms-error-reason',
  stage: 'x-pcms-stage',
  failedAt: 'x-pcms-failed-at',
  originalRoutingKey: 'x-pcms-original-routing-key',
  originalQueue: 'x-pcms-original-queue',
} as const;

export interface DeadLetterReason {
  readonly code: string;
  readonly reason: string;
  readonly stage: string;
}

export function deadLetterHeaders(
  message: AmqpMessage,
  why: DeadLetterReason,
  failedAt: Date,
): Record<string, HeaderValue | undefined> {
  return {
    ...message.headers,
    [DeadLetterHeader.errorCode]: why.code,
    [DeadLetterHeader.errorReason]: why.reason,
    [DeadLetterHeader.stage]: why.stage,
    [DeadLetterHeader.failedAt]: failedAt.toISOString(),
    [DeadLetterHeader.originalRoutingKey]: message.routingKey,
    [DeadLetterHeader.originalQueue]: message.queue,
  };
}

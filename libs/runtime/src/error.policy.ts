import {
  describeError,
  MessagingError,
  Outcome,
  type ConsumerOutcome,
  type ErrorPolicy,
} from '@pcms/messaging';
import { isGatewayCodedError, PipelineRejection } from '@pcms/pipeline';

/** The code a retry names when the error carries none of ours (Redis, PostgreSQL, a bug). */
export const INFRASTRUCTURE_ERROR = 'INFRASTRUCTURE_ERROR';

/**
 * What a consumer does with an error its handler threw. Only a verdict on the message itself, a
 * rejection or an error coded by our message libraries (envelope, trust, notice, mapping…), sends
 * it to the dead-letter queue with that code. Anything else (the broker, Redis, the database, a
 * timeout, a bug) says nothing about the message: it is retried after a growing delay, and only
 * once the delivery limit is reached is it dead-lettered, naming the last error and the attempts.
 * Classified by class and code, never by the text of a message (issue 12).
 */
export const gatewayErrorPolicy: ErrorPolicy = (error, _message, stage) => {
  if (error instanceof PipelineRejection) return Outcome.deadLetter(error.code, error.reason, error.stage);
  if (isGatewayCodedError(error)) return Outcome.deadLetter(error.code, describeError(error), stage);
  return requeueAfter(error, []);
};

/**
 * A failure after a step that must not happen twice (a confirmed forward): the retry carries the
 * step as done, and the handler skips it. Whatever the error, it is no verdict any more: the
 * message has already left.
 */
export function requeueAfter(error: unknown, done: readonly string[]): ConsumerOutcome {
  const code = error instanceof MessagingError ? error.code : INFRASTRUCTURE_ERROR;
  return Outcome.requeue(code, describeError(error), done);
}

/**
 * Runs the independent steps of one hop side by side (its journal events and its forward: each waits
 * for its own publisher confirm, and in turn they waited for two), and resolves with their results
 * once all are done.
 * On a failure it still waits for the others before throwing the first error: a step abandoned in
 * flight could complete after the retry began and be done twice.
 */
export async function allSteps<T extends readonly unknown[]>(
  ...steps: { readonly [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(steps);
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

import { describeError, MessagingError, Outcome, type ErrorPolicy } from '@pcms/messaging';

/**
 * What a consumer does with an error its handler threw. Broker trouble while publishing the next
 * hop is transient: the message goes back to the queue. A coded error from our libraries is the
 * message's fault: quarantined with that code. Anything else is quarantined as UNEXPECTED.
 * Nothing is lost, and the consumer goes on with the next message.
 */
export const gatewayErrorPolicy: ErrorPolicy = (error, _message, stage) => {
  if (error instanceof MessagingError) return Outcome.requeue();
  const code =
    error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
      ? (error as Error & { code: string }).code
      : 'UNEXPECTED';
  return Outcome.deadLetter(code, describeError(error), stage);
};

export enum MessagingErrorCode {
  /** The broker answered a publish with basic.nack: it did not take responsibility for it. */
  PUBLISH_NACKED = 'PUBLISH_NACKED',
  /** A mandatory publish matched no queue and came back with basic.return. */
  UNROUTABLE = 'UNROUTABLE',
  /** The confirm did not arrive in time (broker down and not back within the publish timeout). */
  PUBLISH_TIMEOUT = 'PUBLISH_TIMEOUT',
  /** The connection could not be opened. */
  CONNECT_FAILED = 'CONNECT_FAILED',
  /** The operation was refused because `close()` was called. */
  CLOSED = 'CLOSED',
  /** A queue named for inspection does not exist. */
  QUEUE_NOT_FOUND = 'QUEUE_NOT_FOUND',
  /** A queue exists with other arguments (type, dead-lettering) than the gateway declares. */
  QUEUE_MISMATCH = 'QUEUE_MISMATCH',
}

function describe(code: MessagingErrorCode): string {
  switch (code) {
    case MessagingErrorCode.PUBLISH_NACKED:
      return 'the broker refused the message (basic.nack)';
    case MessagingErrorCode.UNROUTABLE:
      return 'no queue is bound for this route (basic.return)';
    case MessagingErrorCode.PUBLISH_TIMEOUT:
      return 'no publisher confirm arrived in time';
    case MessagingErrorCode.CONNECT_FAILED:
      return 'cannot connect to the broker';
    case MessagingErrorCode.CLOSED:
      return 'the messaging connection is closed';
    case MessagingErrorCode.QUEUE_NOT_FOUND:
      return 'the queue does not exist';
    case MessagingErrorCode.QUEUE_MISMATCH:
      return "a queue exists with other arguments / une file existe avec d'autres arguments";
  }
}

export class MessagingError extends Error {
  override readonly name = 'MessagingError';

  constructor(
    readonly code: MessagingErrorCode,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${describe(code)}: ${detail}`, options);
  }
}

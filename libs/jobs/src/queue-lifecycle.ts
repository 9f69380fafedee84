import type Bull from 'bull';

// bull (through ioredis) reports a connection it is itself closing as an error whose only mark is
// its message: there is no code to test, so the message is matched here and nowhere else.
const CLOSED_CONNECTION = 'Connection is closed.';

function isClosedConnection(error: unknown): boolean {
  return error instanceof Error && error.message === CLOSED_CONNECTION;
}

/**
 * Starts bull's worker loop. `queue.process()` settles only when the queue closes, and rejects
 * with a closed connection when the close comes before its blocking connection is up: that is a
 * stop, not a failure. Anything else reaches `onFailure` instead of becoming an unhandled rejection.
 */
export function runWorker(processing: Promise<void>, onFailure: (error: unknown) => void): void {
  processing.catch((error: unknown) => {
    if (!isClosedConnection(error)) onFailure(error);
  });
}

/**
 * Closes a queue, waiting for the jobs in progress. bull's close rejects with a closed connection
 * when a client ends while it quits (a stop right after a start): the queue is closed all the same.
 */
export async function closeQueue(queue: Bull.Queue): Promise<void> {
  try {
    await queue.close();
  } catch (error: unknown) {
    if (!isClosedConnection(error)) throw error;
  }
}

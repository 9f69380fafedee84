import type { RetryTopology } from '../topology/topology.types';
import type { AmqpMessage } from './amqp-message';
import { Outcome } from './consumer-outcome';
import {
  delayOf,
  limitedOutcome,
  RETRIES_EXHAUSTED,
  RetryHeader,
  retryPublication,
  retryStateOf,
} from './retry';

const retry: RetryTopology = {
  exchange: 'ns.pcms.retry',
  returnExchange: 'ns.pcms.retry.return',
  delaysMs: [100, 300, 900],
  maxAttempts: 4,
};

function message(exchange: string, headers: AmqpMessage['headers'] = {}): AmqpMessage {
  return {
    body: Buffer.from('{}'),
    headers,
    routingKey: 'submit.NP-ML',
    exchange,
    queue: 'ns.pcms-adapter.submissions',
    messageId: 'm-1',
    redelivered: false,
  };
}

describe('retry state', () => {
  const written = { [RetryHeader.attempts]: 3, [RetryHeader.done]: 'forwarded' };

  it('ignores retry headers a sender wrote on a message that did not come back through the return exchange', () => {
    const sut = retryStateOf(message('ns.pcms.submissions', written), retry);

    expect(sut).toEqual({ attempts: 0, done: [] });
  });

  it('reads them on a message the return exchange brought back', () => {
    const sut = retryStateOf(message(retry.returnExchange, written), retry);

    expect(sut).toEqual({ attempts: 3, done: ['forwarded'] });
  });

  it("counts a quorum queue's redeliveries of this copy (x-delivery-count) as deliveries, on a redelivery only", () => {
    const redelivered = {
      ...message(retry.returnExchange, { ...written, 'x-delivery-count': 2 }),
      redelivered: true,
    };
    const forged = message('ns.pcms.submissions', { 'x-delivery-count': 9 });

    expect(retryStateOf(redelivered, retry).attempts).toBe(5);
    expect(retryStateOf({ ...forged, redelivered: true }, retry).attempts).toBe(9);
    expect(retryStateOf(forged, retry).attempts).toBe(0);
  });

  it('dead-letters at maxAttempts when crashes and retries together reach it', () => {
    const twiceReturned = {
      ...message(retry.returnExchange, { [RetryHeader.attempts]: 1, 'x-delivery-count': 2 }),
      redelivered: true,
    };
    const delivered = { ...twiceReturned, retry: retryStateOf(twiceReturned, retry) };

    const sut = limitedOutcome(Outcome.requeue('REDIS_DOWN', 'redis away'), delivered, retry, 'dedupe');

    expect(sut).toMatchObject({ kind: 'dead-letter', code: RETRIES_EXHAUSTED });
  });

  it('waits the configured delays, the last one repeating', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => delayOf(retry, attempt))).toEqual([100, 300, 900, 900, 900]);
  });
});

describe(retryPublication.name, () => {
  it('keeps the routing key, counts the attempt, merges the steps done and drops the broker headers', () => {
    const delivered = message(retry.returnExchange, {
      'pcms-signature': 'sig',
      'x-death': '[{"count":1}]',
      'x-first-death-queue': 'wait',
    });

    const sut = retryPublication(
      delivered,
      retry,
      { code: 'INFRASTRUCTURE_ERROR', reason: 'LOADING', done: ['forwarded'] },
      { attempts: 1, done: ['delivered'] },
    );

    expect(sut.route).toMatchObject({ exchange: retry.exchange, routingKey: 'submit.NP-ML' });
    expect(sut.headers).toEqual({
      'pcms-signature': 'sig',
      [RetryHeader.attempts]: 2,
      [RetryHeader.done]: 'delivered,forwarded',
      [RetryHeader.code]: 'INFRASTRUCTURE_ERROR',
      [RetryHeader.reason]: 'LOADING',
      [RetryHeader.queue]: 'ns.pcms-adapter.submissions',
      [RetryHeader.delay]: '300',
    });
  });
});

describe(limitedOutcome.name, () => {
  const again = Outcome.requeue('SUBMISSION_IN_PROGRESS', 'claimed elsewhere');

  it('lets a requeue through below the delivery limit', () => {
    const below = { ...message(retry.returnExchange), retry: { attempts: 2, done: [] } };

    expect(limitedOutcome(again, below, retry, 'q')).toBe(again);
  });

  it('dead-letters at the limit, naming the last code, its reason and the deliveries', () => {
    const last = { ...message(retry.returnExchange), retry: { attempts: 3, done: [] } };

    const sut = limitedOutcome(again, last, retry, 'q');

    expect(sut).toMatchObject({ kind: 'dead-letter', code: RETRIES_EXHAUSTED, stage: 'q' });
    expect(sut.kind === 'dead-letter' && sut.reason).toContain('SUBMISSION_IN_PROGRESS: claimed elsewhere');
    expect(sut.kind === 'dead-letter' && sut.reason).toContain('after 4 deliveries');
    expect(sut.kind === 'dead-letter' && sut.record?.headers).toEqual({ [RetryHeader.attempts]: 4 });
  });

  it('leaves requeues alone where no retry layout is declared', () => {
    expect(limitedOutcome(again, message('x'), undefined, 'q')).toBe(again);
  });
});

import { MessagingError, MessagingErrorCode, type AmqpMessage } from '@pcms/messaging';
import { PipelineRejection } from '@pcms/pipeline';
import { allSteps, gatewayErrorPolicy, INFRASTRUCTURE_ERROR } from './error.policy';

describe('gatewayErrorPolicy', () => {
  const message = {} as AmqpMessage;

  it('requeues, naming the broker code, when the broker failed to take the next hop', () => {
    const sut = gatewayErrorPolicy(
      new MessagingError(MessagingErrorCode.PUBLISH_NACKED, 'outbound'),
      message,
      'router.outbound',
    );

    expect(sut).toMatchObject({ kind: 'requeue', code: 'PUBLISH_NACKED' });
  });

  it('dead-letters an error coded by our message libraries with its own code and the stage', () => {
    const coded = Object.assign(new Error('envelope is invalid'), { code: 'ENVELOPE_INVALID' });

    const sut = gatewayErrorPolicy(coded, message, 'router.outbound');

    expect(sut).toMatchObject({ kind: 'dead-letter', code: 'ENVELOPE_INVALID', stage: 'router.outbound' });
  });

  it('dead-letters a rejection with its code and the stage that refused', () => {
    const sut = gatewayErrorPolicy(
      new PipelineRejection('SUBMISSION_STALE', 'freshness', 'old'),
      message,
      'q',
    );

    expect(sut).toMatchObject({ kind: 'dead-letter', code: 'SUBMISSION_STALE', stage: 'freshness' });
  });

  it.each([
    ['a Redis reply error', Object.assign(new Error('LOADING Redis is loading'), { name: 'ReplyError' })],
    [
      'a socket error with a code of its own',
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    ],
    ['a PostgreSQL error (SQLSTATE)', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['a bug', new TypeError('boom')],
  ])('requeues %s: it is no verdict on the message', (_what, error) => {
    const sut = gatewayErrorPolicy(error, message, 'router.outbound');

    expect(sut).toMatchObject({ kind: 'requeue', code: INFRASTRUCTURE_ERROR });
  });
});

describe(allSteps.name, () => {
  it('runs the steps side by side and resolves with their results in order', async () => {
    const started: string[] = [];
    const step = <T>(name: string, value: T, release: Promise<void>) => {
      started.push(name);
      return release.then(() => value);
    };
    let releaseJournal!: () => void;
    const journal = new Promise<void>((resolve) => (releaseJournal = resolve));

    const both = allSteps(step('journal', 'journaled', journal), step('forward', 3, Promise.resolve()));
    expect(started).toEqual(['journal', 'forward']);
    releaseJournal();

    await expect(both).resolves.toEqual(['journaled', 3]);
  });

  it('throws the first failure only once every other step has finished', async () => {
    let forwardDone = false;
    let releaseForward!: () => void;
    const forward = new Promise<void>((resolve) => (releaseForward = resolve)).then(() => {
      forwardDone = true;
    });
    const failing = Promise.reject(new Error('journal not confirmed'));

    const both = allSteps(failing, forward);
    const outcome = both.then(
      () => 'resolved',
      (error: Error) => `${error.message}; forward done: ${forwardDone}`,
    );
    await new Promise((resolve) => setImmediate(resolve));
    releaseForward();

    await expect(outcome).resolves.toBe('journal not confirmed; forward done: true');
  });
});

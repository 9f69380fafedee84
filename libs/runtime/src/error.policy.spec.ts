import { MessagingError, MessagingErrorCode, type AmqpMessage } from '@pcms/messaging';
import { gatewayErrorPolicy } from './error.policy';

describe('gatewayErrorPolicy', () => {
  const message = {} as AmqpMessage;

  it('requeues when the broker failed to take the next hop', () => {
    const sut = gatewayErrorPolicy(
      new MessagingError(MessagingErrorCode.PUBLISH_NACKED, 'outbound'),
      message,
      'router.outbound',
    );

    expect(sut).toEqual({ kind: 'requeue' });
  });

  it('dead-letters a coded error with its own code and the stage', () => {
    const coded = Object.assign(new Error('envelope is invalid'), { code: 'ENVELOPE_INVALID' });

    const sut = gatewayErrorPolicy(coded, message, 'router.outbound');

    expect(sut).toMatchObject({ kind: 'dead-letter', code: 'ENVELOPE_INVALID', stage: 'router.outbound' });
  });

  it('dead-letters anything else as UNEXPECTED rather than crashing', () => {
    const sut = gatewayErrorPolicy(new TypeError('boom'), message, 'router.outbound');

    expect(sut).toMatchObject({ kind: 'dead-letter', code: 'UNEXPECTED' });
  });
});

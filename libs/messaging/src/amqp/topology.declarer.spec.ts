import { gatewayTopology } from '../topology/gateway.topology';
import { queueArguments } from './topology.declarer';

describe(queueArguments.name, () => {
  const { queues, declaration } = gatewayTopology('ns.');
  const wait = declaration.queues.find((q) => q.messageTtlMs === 1000)!;

  it('declares a hop quorum, dead-lettering at least once to the dead-letter exchange, with no delivery limit', () => {
    const sut = queueArguments(queues.routerOutbound, 'quorum');

    expect(sut).toEqual({
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': 'ns.pcms.dead-letter',
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    });
  });

  it('keeps the TTL of a wait queue and its way back, at least once', () => {
    const sut = queueArguments(wait, 'quorum');

    expect(sut).toMatchObject({
      'x-message-ttl': 1000,
      'x-dead-letter-exchange': 'ns.pcms.retry.return',
      'x-dead-letter-strategy': 'at-least-once',
    });
  });

  it('declares the dead-letter queue quorum without dead-lettering of its own', () => {
    expect(queueArguments(queues.deadLetters, 'quorum')).toEqual({ 'x-queue-type': 'quorum' });
  });

  it('leaves a classic queue as queues were declared before the option existed', () => {
    expect(queueArguments(queues.routerOutbound, 'classic')).toEqual({
      'x-dead-letter-exchange': 'ns.pcms.dead-letter',
    });
  });
});

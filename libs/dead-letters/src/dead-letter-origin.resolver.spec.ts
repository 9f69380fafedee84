import { gatewayTopology } from '@pcms/messaging';
import {
  DELIVERY_ORIGIN,
  JUDICIAL_DELIVERY_ORIGIN,
  resolveReplayTarget,
} from './dead-letter-origin.resolver';

describe(resolveReplayTarget.name, () => {
  const topology = gatewayTopology('ns.');
  const sut = (queue: string | undefined, key: string | undefined) =>
    resolveReplayTarget(topology, queue, key);

  it('sends a consumer dead letter to the exchange bound to its queue, with its routing key', () => {
    expect(sut('ns.router.outbound', 'outbound.person.wanted')).toEqual({
      kind: 'queue',
      route: {
        exchange: 'ns.pcms.bus',
        routingKey: 'outbound.person.wanted',
        body: 'pcms-envelope/canonical-json',
      },
    });
    expect(sut('ns.platform.RP', 'RP')).toMatchObject({
      kind: 'queue',
      route: { exchange: 'ns.pcms.platforms' },
    });
    expect(sut('ns.journal-writer.events', 'journal.received')).toMatchObject({
      route: { exchange: 'ns.pcms.journal', body: 'pcms-journal/event-json' },
    });
  });

  it('recognises a failed delivery job, and a failed judicial delivery job', () => {
    expect(sut(DELIVERY_ORIGIN, DELIVERY_ORIGIN)).toEqual({ kind: 'delivery' });
    expect(sut(JUDICIAL_DELIVERY_ORIGIN, JUDICIAL_DELIVERY_ORIGIN)).toEqual({ kind: 'judicial-delivery' });
  });

  it('refuses the HTTPS doors, the dead-letter queue itself and a letter without origin', () => {
    expect(sut('pcms-adapter.https', 'pcms-adapter.https').kind).toBe('not-replayable');
    expect(sut('i247-adapter.inbound', 'i247-adapter.inbound').kind).toBe('not-replayable');
    expect(sut('ns.pcms.dead-letters', 'deliver').kind).toBe('not-replayable');
    expect(sut(undefined, undefined).kind).toBe('not-replayable');
  });

  it('says when the origin is a queue of another namespace or deployment', () => {
    expect(sut('other.router.outbound', 'outbound.x')).toEqual({
      kind: 'unknown',
      origin: 'other.router.outbound',
    });
  });
});

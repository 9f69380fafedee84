import { PLATFORM_IDS } from '@pcms/envelope';
import { gatewayTopology } from './gateway.topology';

describe(gatewayTopology.name, () => {
  const sut = gatewayTopology('ns.');

  it('prefixes every exchange and queue name with the namespace', () => {
    const names = [
      ...sut.declaration.exchanges.map((e) => e.name),
      ...sut.declaration.queues.map((q) => q.name),
    ];
    expect(names.every((name) => name.startsWith('ns.'))).toBe(true);
    expect(gatewayTopology().exchanges.bus.name).toBe('pcms.bus');
  });

  it('builds routing keys from typed route builders', () => {
    expect(sut.routes.submit('NP-ML')).toEqual({
      exchange: 'ns.pcms.submissions',
      routingKey: 'submit.NP-ML',
      body: 'pcms-envelope/canonical-json',
    });
    expect(sut.routes.outbound('person.wanted').routingKey).toBe('outbound.person.wanted');
    expect(sut.routes.platform('RP')).toMatchObject({ exchange: 'ns.pcms.platforms', routingKey: 'RP' });
  });

  it('binds one direct queue per platform', () => {
    const platformBindings = sut.declaration.bindings.filter((b) => b.exchange === 'ns.pcms.platforms');
    expect(platformBindings.map((b) => [b.queue, b.pattern])).toEqual(
      PLATFORM_IDS.map((id) => [`ns.platform.${id}`, id]),
    );
  });

  it('routes every bus prefix to its queue', () => {
    const bus = sut.declaration.bindings.filter((b) => b.exchange === 'ns.pcms.bus');
    expect(Object.fromEntries(bus.map((b) => [b.pattern, b.queue]))).toEqual({
      'outbound.#': 'ns.router.outbound',
      'interpol.#': 'ns.i247-adapter.outbound',
      'inbound.#': 'ns.router.inbound',
      'deliver.*': 'ns.pcms-adapter.deliveries',
      'judicial.#': 'ns.judicial.route',
    });
  });

  it('routes every judicial message type to the judicial route queue, keyed by its type', () => {
    expect(sut.routes.judicialRoute('judicial.status')).toEqual({
      exchange: 'ns.pcms.bus',
      routingKey: 'judicial.status',
      body: 'pcms-judicial/message-json',
    });
    expect(sut.queues.judicialRoute).toEqual({
      name: 'ns.judicial.route',
      deadLetterExchange: 'ns.pcms.dead-letter',
    });
    expect(sut.declaration.bindings).toContainEqual({
      exchange: 'ns.pcms.retry.return',
      queue: 'ns.judicial.route',
      pattern: '',
      arguments: { 'x-match': 'all', 'pcms-retry-queue': 'ns.judicial.route' },
    });
  });

  it('points every queue but the dead-letter queue at the dead-letter exchange', () => {
    const { queues, deadLetterQueue, deadLetterExchange } = sut.declaration;
    for (const queue of queues.filter((q) => q.messageTtlMs === undefined)) {
      expect(queue.deadLetterExchange).toBe(queue.name === deadLetterQueue ? undefined : deadLetterExchange);
    }
    expect(deadLetterExchange).toBe('ns.pcms.dead-letter');
  });

  it('routes every journal stage to the journal writer', () => {
    expect(sut.routes.journal('received')).toEqual({
      exchange: 'ns.pcms.journal',
      routingKey: 'journal.received',
      body: 'pcms-journal/event-json',
    });
    const journal = sut.declaration.bindings.filter((b) => b.exchange === 'ns.pcms.journal');
    expect(journal).toEqual([
      { exchange: 'ns.pcms.journal', queue: 'ns.journal-writer.events', pattern: 'journal.#' },
    ]);
    expect(sut.queues.journalWriter.deadLetterExchange).toBe('ns.pcms.dead-letter');
  });

  it('sends a retried message to the wait queue of its delay, and back by header to the queue it came from', () => {
    const sut = gatewayTopology('ns.', { delaysMs: [200, 800], maxAttempts: 4 });

    const { queues, bindings, retry } = sut.declaration;
    const waits = queues.filter((q) => q.messageTtlMs !== undefined);
    expect(waits).toEqual([
      { name: 'ns.pcms.retry.wait.200ms', deadLetterExchange: 'ns.pcms.retry.return', messageTtlMs: 200 },
      { name: 'ns.pcms.retry.wait.800ms', deadLetterExchange: 'ns.pcms.retry.return', messageTtlMs: 800 },
    ]);
    expect(retry).toEqual({
      exchange: 'ns.pcms.retry',
      returnExchange: 'ns.pcms.retry.return',
      delaysMs: [200, 800],
      maxAttempts: 4,
    });
    expect(bindings).toContainEqual({
      exchange: 'ns.pcms.retry.return',
      queue: 'ns.pcms-adapter.submissions',
      pattern: '',
      arguments: { 'x-match': 'all', 'pcms-retry-queue': 'ns.pcms-adapter.submissions' },
    });
  });
});

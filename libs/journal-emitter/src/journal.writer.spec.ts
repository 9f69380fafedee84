import type { AppendResult, JournalEvent, JournalStore } from '@pcms/journal';
import type { AmqpConnection, AmqpMessage } from '@pcms/messaging';
import { JournalEmitter } from './journal.emitter';
import { JournalWriter, JournalWriterCode, parseJournalEvents } from './journal.writer';

const event: JournalEvent = {
  eventId: 'e1',
  messageId: 'm1',
  stage: 'received',
  app: 'pcms-adapter',
  at: '2026-01-01T00:00:00.000Z',
  details: { sender: 'NP-ML' },
};

const messageOf = (body: unknown): AmqpMessage => ({
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  headers: {},
  routingKey: 'journal.received',
  exchange: 'pcms.journal',
  queue: 'journal-writer.events',
  messageId: undefined,
  redelivered: false,
});

describe(JournalWriter.name, () => {
  const appended: JournalEvent[][] = [];
  const store = {
    append: (events: readonly JournalEvent[]): Promise<AppendResult> => {
      appended.push([...events]);
      return Promise.resolve({ appended: events.length, duplicates: 0 });
    },
  } as unknown as JournalStore;
  const sut = new JournalWriter({} as AmqpConnection, store, { queue: 'journal-writer.events' });

  it('appends the well-formed events in one call and dead-letters the malformed ones with a code', async () => {
    const outcomes = await sut.write([
      messageOf(event),
      messageOf('{not json'),
      messageOf({ ...event, stage: 'lost' }),
    ]);

    expect(appended).toEqual([[event]]);
    expect(outcomes.map((o) => (o.kind === 'dead-letter' ? o.code : o.kind))).toEqual([
      'ack',
      JournalWriterCode.MALFORMED_EVENT,
      JournalWriterCode.MALFORMED_EVENT,
    ]);
  });

  it('lets a store failure escape, so that the whole batch is requeued', async () => {
    const failing = { append: () => Promise.reject(new Error('disk full')) } as unknown as JournalStore;
    const writer = new JournalWriter({} as AmqpConnection, failing, { queue: 'q' });

    await expect(writer.write([messageOf(event)])).rejects.toThrow('disk full');
  });
});

describe('JournalWriter afterAppend', () => {
  it('hands the batch’s events to afterAppend once the store committed them, before any acknowledgement', async () => {
    const order: string[] = [];
    const store = {
      append: () => (order.push('append'), Promise.resolve({ appended: 1, duplicates: 0 })),
    } as unknown as JournalStore;
    const handed: JournalEvent[][] = [];
    const sut = new JournalWriter({} as AmqpConnection, store, {
      queue: 'q',
      afterAppend: (events) => (order.push('afterAppend'), handed.push([...events]), Promise.resolve()),
    });

    await sut.write([messageOf(event), messageOf('{not json')]);

    expect(order).toEqual(['append', 'afterAppend']);
    expect(handed).toEqual([[event]]);
  });

  it('lets an afterAppend failure escape, so that the batch is requeued (the store skips what it already has)', async () => {
    const store = {
      append: () => Promise.resolve({ appended: 1, duplicates: 0 }),
    } as unknown as JournalStore;
    const sut = new JournalWriter({} as AmqpConnection, store, {
      queue: 'q',
      afterAppend: () => Promise.reject(new Error('index unavailable')),
    });

    await expect(sut.write([messageOf(event)])).rejects.toThrow('index unavailable');
  });
});

describe(parseJournalEvents.name, () => {
  const parse = (body: unknown): JournalEvent[] | Error => parseJournalEvents(Buffer.from(JSON.stringify(body)));

  it('refuses a time that is not ISO 8601 and details that are not an object', () => {
    expect(parse({ ...event, at: 'yesterday' })).toBeInstanceOf(Error);
    expect(parse({ ...event, details: [] })).toBeInstanceOf(Error);
  });

  it('refuses a payload without a content type, and keeps a well-formed one', () => {
    const bad = { ...event, payload: { base64: 'AAEC' } };
    const good = { ...event, payload: { contentType: 'application/json', base64: 'AAEC' } };

    expect(parse(bad)).toBeInstanceOf(Error);
    expect(parse(good)).toEqual([expect.objectContaining({ payload: good.payload })]);
  });

  it('reads the events an app emitted together, in their order', () => {
    const second = { ...event, eventId: 'e2', stage: 'verified' };

    expect(parse([event, second])).toEqual([event, second]);
  });

  it('refuses an array with one malformed event whole, saying which, and an empty array', () => {
    const refused = parse([event, { ...event, eventId: 'e2', stage: 'lost' }]);

    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe('event 1: stage is not a journal stage');
    expect(parse([])).toBeInstanceOf(Error);
  });
});

describe('JournalWriter with messages of several events', () => {
  it('appends every event of every message in one call, and acknowledges each message once', async () => {
    const appended: JournalEvent[][] = [];
    const store = {
      append: (events: readonly JournalEvent[]) => (
        appended.push([...events]), Promise.resolve({ appended: events.length, duplicates: 0 })
      ),
    } as unknown as JournalStore;
    const second = { ...event, eventId: 'e2', stage: 'verified' as const };
    const third = { ...event, eventId: 'e3', messageId: 'm2' };
    const sut = new JournalWriter({} as AmqpConnection, store, { queue: 'q' });

    const outcomes = await sut.write([
      messageOf([event, second]),
      messageOf([third, { ...event, eventId: 'e4', at: 'yesterday' }]),
      messageOf(third),
    ]);

    expect(appended).toEqual([[event, second, third]]);
    expect(outcomes.map((o) => o.kind)).toEqual(['ack', 'dead-letter', 'ack']);
  });
});

describe(JournalEmitter.name, () => {
  it('gives a redelivered stage the same event id, and another destination another one', () => {
    const sut = new JournalEmitter({} as AmqpConnection, {} as never, 'pcms-adapter');
    const stage = { messageId: 'm1', stage: 'delivered' as const, discriminator: 'RP' };

    const [first] = sut.events(stage);
    const [again] = sut.events(stage);
    const [other] = sut.events({ ...stage, discriminator: 'NP-NE' });

    expect(again?.eventId).toBe(first?.eventId);
    expect(other?.eventId).not.toBe(first?.eventId);
    expect(first).toMatchObject({ app: 'pcms-adapter', messageId: 'm1', stage: 'delivered', details: {} });
  });

  it('publishes the stages of one call as one message, confirmed once, and one stage as itself', async () => {
    const published: { routingKey: string; body: unknown; headers: Record<string, unknown> }[] = [];
    const amqp = {
      publish: (route: { routingKey: string }, body: Buffer, options: { headers: Record<string, unknown> }) => (
        published.push({ routingKey: route.routingKey, body: JSON.parse(body.toString()), headers: options.headers }),
        Promise.resolve()
      ),
    } as unknown as AmqpConnection;
    const topology = { routes: { journal: (stage: string) => ({ routingKey: `journal.${stage}` }) } } as never;
    const sut = new JournalEmitter(amqp, topology, 'router');

    await sut.emit([
      { messageId: 'm1', stage: 'policy' },
      { messageId: 'm1', stage: 'routed' },
    ]);
    await sut.emit({ messageId: 'm2', stage: 'held' });
    await sut.emit([]);

    expect(published.map((p) => p.routingKey)).toEqual(['journal.policy', 'journal.held']);
    expect(published[0]?.body).toEqual([
      expect.objectContaining({ messageId: 'm1', stage: 'policy', app: 'router' }),
      expect.objectContaining({ messageId: 'm1', stage: 'routed', app: 'router' }),
    ]);
    expect(published[0]?.headers['pcms-journal-stage']).toBe('policy,routed');
    expect(published[1]?.body).toEqual(expect.objectContaining({ messageId: 'm2', stage: 'held' }));
  });

  it('sends the payload bytes only when the deployment keeps payloads', () => {
    const stage = {
      messageId: 'm1',
      stage: 'received' as const,
      payload: { contentType: 'application/json', bytes: Buffer.from('{"id":"m1"}') },
    };
    const keeping = new JournalEmitter({} as AmqpConnection, {} as never, 'pcms-adapter', {
      keepPayloads: true,
    });
    const notKeeping = new JournalEmitter({} as AmqpConnection, {} as never, 'pcms-adapter');

    expect(keeping.events(stage)[0]?.payload).toEqual({
      contentType: 'application/json',
      base64: Buffer.from('{"id":"m1"}').toString('base64'),
    });
    expect(notKeeping.events(stage)[0]).not.toHaveProperty('payload');
  });
});

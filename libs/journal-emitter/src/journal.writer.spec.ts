import type { AppendResult, JournalEvent, JournalStore } from '@pcms/journal';
import type { AmqpConnection, AmqpMessage } from '@pcms/messaging';
import { JournalEmitter } from './journal.emitter';
import { JournalWriter, JournalWriterCode, parseJournalEvent } from './journal.writer';

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

describe(parseJournalEvent.name, () => {
  it('refuses a time that is not ISO 8601 and details that are not an object', () => {
    expect(parseJournalEvent(Buffer.from(JSON.stringify({ ...event, at: 'yesterday' })))).toBeInstanceOf(
      Error,
    );
    expect(parseJournalEvent(Buffer.from(JSON.stringify({ ...event, details: [] })))).toBeInstanceOf(Error);
  });

  it('refuses a payload without a content type, and keeps a well-formed one', () => {
    const bad = { ...event, payload: { base64: 'AAEC' } };
    const good = { ...event, payload: { contentType: 'application/json', base64: 'AAEC' } };

    expect(parseJournalEvent(Buffer.from(JSON.stringify(bad)))).toBeInstanceOf(Error);
    expect(parseJournalEvent(Buffer.from(JSON.stringify(good)))).toMatchObject({ payload: good.payload });
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

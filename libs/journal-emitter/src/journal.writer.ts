import { JOURNAL_STAGES, type JournalEvent, type JournalStore } from '@pcms/journal';
import {
  Outcome,
  type AmqpConnection,
  type AmqpMessage,
  type ConsumerHandle,
  type ConsumerOutcome,
} from '@pcms/messaging';

export enum JournalWriterCode {
  /** The body is not the JSON of a journal event (docs/architecture.md, the journal). */
  MALFORMED_EVENT = 'JOURNAL_EVENT_MALFORMED',
}

export interface JournalWriterOptions {
  /** The writer's queue (`gatewayTopology(ns).queues.journalWriter.name`). */
  readonly queue: string;
  readonly maxBatch?: number;
  readonly maxWaitMs?: number;
  readonly onBatch?: (result: { appended: number; duplicates: number; malformed: number }) => void;
  /**
   * Runs once the store committed the batch, before it is acknowledged, with its well-formed events
   * (also those the store skipped as already journaled): the business-key index (issue 13) reads
   * the payloads here, in clear, before they exist anywhere else but sealed. Idempotent by contract:
   * when it fails the batch is requeued, and comes back whole.
   */
  readonly afterAppend?: (events: readonly JournalEvent[]) => Promise<void>;
}

const STAGES: ReadonlySet<string> = new Set(JOURNAL_STAGES);

/**
 * Consumes journal events in batches and appends each batch in one transaction before
 * acknowledging it: a writer killed mid-batch leaves the batch unacknowledged, the broker
 * redelivers it, and the store skips the events it had already committed (same eventId).
 */
export class JournalWriter {
  private handle: ConsumerHandle | undefined;

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly store: JournalStore,
    private readonly options: JournalWriterOptions,
  ) {}

  async start(): Promise<void> {
    this.handle = await this.amqp.consumeBatches(
      this.options.queue,
      { maxBatch: this.options.maxBatch ?? 200, maxWaitMs: this.options.maxWaitMs ?? 100 },
      (messages) => this.write(messages),
    );
  }

  /** Stops consuming; the batch gathered so far is still written before this resolves its flush. */
  async stop(): Promise<void> {
    await this.handle?.cancel();
    this.handle = undefined;
  }

  /** One outcome per message; throws (the batch is requeued) when the store did not commit. */
  async write(messages: readonly AmqpMessage[]): Promise<ConsumerOutcome[]> {
    const parsed = messages.map((message) => parseJournalEvents(message.body));
    const events = parsed.flatMap((p) => (p instanceof Error ? [] : p));
    const result = events.length > 0 ? await this.store.append(events) : { appended: 0, duplicates: 0 };
    if (events.length > 0) await this.options.afterAppend?.(events);
    this.options.onBatch?.({ ...result, malformed: parsed.filter((p) => p instanceof Error).length });
    return parsed.map((p) =>
      p instanceof Error
        ? Outcome.deadLetter(JournalWriterCode.MALFORMED_EVENT, p.message, 'journal')
        : Outcome.ack(),
    );
  }
}

/**
 * The events carried by one message (one event, or an array of the events an app emitted together),
 * or an Error saying what is wrong: a message with one malformed event is dead-lettered whole, its
 * bytes kept, rather than journaled in part.
 */
export function parseJournalEvents(body: Buffer): JournalEvent[] | Error {
  const value = parseJson(body);
  if (value instanceof Error) return value;
  if (!Array.isArray(value)) {
    const event = checkJournalEvent(value);
    return event instanceof Error ? event : [event];
  }
  if (value.length === 0) return new Error('an empty array of events');
  const events: JournalEvent[] = [];
  for (const [index, item] of value.entries()) {
    const event = checkJournalEvent(item);
    if (event instanceof Error) return new Error(`event ${index}: ${event.message}`);
    events.push(event);
  }
  return events;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return new Error('the body is not JSON');
  }
}

function checkJournalEvent(value: unknown): JournalEvent | Error {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return new Error('not an object');
  const e = value as Record<string, unknown>;
  for (const field of ['eventId', 'messageId', 'app', 'at'] as const) {
    if (typeof e[field] !== 'string' || e[field] === '') return new Error(`${field} is missing`);
  }
  if (typeof e.stage !== 'string' || !STAGES.has(e.stage)) return new Error('stage is not a journal stage');
  if (Number.isNaN(Date.parse(e.at as string))) return new Error('at is not an ISO 8601 time');
  if (typeof e.details !== 'object' || e.details === null || Array.isArray(e.details)) {
    return new Error('details is not an object');
  }
  if (e.correlationId !== undefined && typeof e.correlationId !== 'string') {
    return new Error('correlationId is not a string');
  }
  // Checked here, not only by the store: one bad payload would otherwise refuse (and requeue) the whole batch.
  if (e.payload !== undefined && !isPayload(e.payload))
    return new Error('payload needs contentType and base64');
  return e as unknown as JournalEvent;
}

function isPayload(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { contentType, base64 } = value as Record<string, unknown>;
  return typeof contentType === 'string' && contentType !== '' && typeof base64 === 'string';
}
